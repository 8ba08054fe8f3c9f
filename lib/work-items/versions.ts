// What tells a re-publish from a retry. Pruvan sends an item again with the same uuId when
// a user re-publishes it (a video needs a new link after 24 h, pruvan-api-v2
// "uploadPictures"; a survey was edited) and when its relay retries an upload it got no
// answer to. A retry is the same metadata and the same file: a no-op. Anything else is a
// new version of the item.

/**
 * Metadata fields that describe the send, not the item, left out of the comparison
 * (pruvan-api-v2 "Available uploadPictures Object Fields"): "timestamp" is "the current
 * time" and "batchId" the "upload batch id", so a retry or a publish of the same item
 * again may differ in them.
 */
const VOLATILE_FIELDS = new Set(["timestamp", "batchId"]);

/** One version of an item as compared: its stored metadata (no credentials) and its file's hash. */
export type ItemContent = { payload: Record<string, unknown>; sha256: string | null };

/**
 * What changed from one version to the next: "file" when the file differs, then each
 * metadata field whose value differs, in name order. Empty for a retry.
 */
export function changedFields(before: ItemContent, after: ItemContent): string[] {
  const changes = before.sha256 === after.sha256 ? [] : ["file"];
  const names = new Set([...Object.keys(before.payload), ...Object.keys(after.payload)]);
  for (const name of [...names].sort()) {
    if (VOLATILE_FIELDS.has(name)) continue;
    if (canonical(before.payload[name] ?? null) !== canonical(after.payload[name] ?? null)) changes.push(name);
  }
  return changes;
}

/** JSON with object keys in order, so that key order never counts as a change. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k] ?? null)}`);
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** The file names of a re-published item's versions: version 1 keeps the plain name. */
export function versionSuffix(version: number): string {
  return version > 1 ? `.v${version}` : "";
}
