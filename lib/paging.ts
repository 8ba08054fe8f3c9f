/**
 * The page to show of `total` rows, `size` a page: a page past the end shows the last one,
 * so a link kept from a longer list never lands on nothing.
 */
export function pageWindow(total: number, requested: number, size: number) {
  const pageCount = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, requested), pageCount);
  return { page, pageCount, size, skip: (page - 1) * size, take: size };
}
