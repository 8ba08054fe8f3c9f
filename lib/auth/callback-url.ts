// Where a sign-in leads: only somewhere on the portal itself. "Starts with / and not //" is
// not enough: browsers read "/\evil.com" as "//evil.com", and drop tabs and newlines
// ("/%09/evil.com"), so the target is resolved against our own origin as a browser would,
// refused when it lands on another, and handed on as a path that cannot be read as a host.

export function safeCallbackPath(raw: string | null | undefined, origin: string): string {
  if (!raw) return "/";
  let target: URL;
  try {
    target = new URL(raw, origin);
  } catch {
    return "/";
  }
  if (target.origin !== new URL(origin).origin) return "/";
  // "/.//evil.com" resolves to the path "//evil.com" on our origin: one leading slash only.
  return `/${target.pathname.replace(/^\/+/, "")}${target.search}${target.hash}`;
}
