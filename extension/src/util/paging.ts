/** Paging of long tables: which rows a page holds. Pure. */

/** One page of `total` rows: its bounds [start, end) and how many pages there are. */
export interface PageSlice {
  /** The page actually shown, clamped into [0, pages - 1]. */
  page: number;
  pages: number;
  start: number;
  end: number;
}

/** The rows of page `page` (0-based) at `size` rows per page; out-of-range pages are clamped. */
export function pageSlice(total: number, size: number, page: number): PageSlice {
  const pages = Math.max(1, Math.ceil(total / size));
  const clamped = Math.min(Math.max(0, Math.floor(page)), pages - 1);
  const start = clamped * size;
  return { page: clamped, pages, start, end: Math.min(total, start + size) };
}
