import type { IncomingMessage, ServerResponse } from "node:http";
import { SECURITY_HEADERS } from "@/lib/http/security-headers";
import { PRUVAN_BASE_PATH, servePruvanRequest } from "./serve";

// The Pruvan API answered by the custom server itself, in front of Next: the same
// servePruvanRequest as app/api/pruvan (which serves `next dev`), on the socket's own
// stream instead of a web ReadableStream. Measured with 5 MB photos: Next's routing and
// the web-stream body cost ~10 ms of CPU per upload (npm run bench -- upload).

// Lower case, so that the answer's own x-content-type-options replaces this one instead of doubling it.
const LOWER_CASE_SECURITY_HEADERS = Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([name, value]) => [name.toLowerCase(), value]));

export function isPruvanPath(url: string | undefined): boolean {
  const path = url?.split("?")[0] ?? "";
  return path === PRUVAN_BASE_PATH || path.startsWith(`${PRUVAN_BASE_PATH}/`);
}

export async function servePruvanNode(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const answer = await servePruvanRequest({
    method: req.method ?? "GET",
    pathname: new URL(req.url ?? "/", "http://localhost").pathname,
    contentType: req.headers["content-type"],
    contentLength: req.headers["content-length"],
    body: req,
  });
  res.writeHead(answer.status, {
    ...LOWER_CASE_SECURITY_HEADERS,
    ...answer.headers,
    "content-length": Buffer.byteLength(answer.body),
    ...(answer.close ? { connection: "close" } : {}),
  });
  res.end(answer.body);
}
