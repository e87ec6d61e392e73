/** The request options of every GET the panels send. */

/**
 * A GET that always asks the sidecar (revalidating any cached copy) without the `?<timestamp>`
 * cache-buster Jupyter's request helper appends under `no-store`: the sidecar refuses query keys it
 * does not know, so that buster would turn GET /jobs or GET /data/{ticker}?start=… into a 400.
 */
export const GET: RequestInit = { method: "GET", cache: "no-cache" };
