/** Where a page stands in its list: what the pagination links are drawn from. */
export type PagePosition = { page: number; pageCount: number; total: number; size: number };

/**
 * The page to show of `total` rows, `size` a page: a page past the end shows the last one,
 * so a link kept from a longer list never lands on nothing.
 */
export function pageWindow(total: number, requested: number, size: number) {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pageCount);
  return { page, pageCount, size, skip: (page - 1) * size, take: size };
}
