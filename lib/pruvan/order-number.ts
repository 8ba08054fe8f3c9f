// Pruvan shows our orders as "{client code}::{workOrderNumber}" and sends them back that
// way in uploadPictures' key2 and in the status payload, or bare. Lookups are always
// scoped to the calling integration's orders, so either form is safe to try.

/** Work order numbers a Pruvan reference may mean, the exact text first. */
export function orderNumberCandidates(reference: string): string[] {
  const value = reference.trim();
  const at = value.indexOf("::");
  return at > 0 && at + 2 < value.length ? [value, value.slice(at + 2)] : [value];
}
