// The staff file routes' URLs (app/files/[itemId]/*), shared by server views and client components.

/** A thumbnail is cached as immutable, so a re-published version's has a URL of its own (?v=N). */
export function thumbUrl(id: string, version: number, size: "small" | "large" = "small"): string {
  const query = [size === "large" ? "size=large" : null, version > 1 ? `v=${version}` : null].filter(Boolean).join("&");
  return `/files/${id}/thumb${query ? `?${query}` : ""}`;
}
