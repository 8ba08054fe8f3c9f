import type { IncomingMessage, ServerResponse } from "node:http";
import { clientAddressFrom } from "@/lib/http/client-address";
import { config } from "@/lib/config";
import { securityHeaders } from "@/lib/http/security-headers";
import { PRUVAN_BASE_PATH, servePruvanRequest } from "./serve";

// The Pruvan API answered by the custom server itself, in front of Next: the same
// servePruvanRequest as app/api/pruvan (which serves `next dev`), on the socket's own
// stream instead of a web ReadableStream. Measured with 5 MB photos: Next's routing and
// the web-stream body cost ~10 ms of CPU per upload (npm run bench -- upload).

// Lower case, so that the answer's own x-content-type-options replaces this one instead of doubling it.
const lowerCaseSecurityHeaders = () =>
  Object.fromEntries(Object.entries(securityHeaders(config().publicUrl)).map(([name, value]) => [name.toLowerCase(), value]));

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
    address: clientAddressFrom(req.headers),
  });
  const headers = { ...lowerCaseSecurityHeaders(), ...answer.headers, "content-length": String(answer.body.length) };
  if (answer.close && !req.complete) return answerUnreadBody(req, res, answer.status, headers, answer.body);
  res.writeHead(answer.status, headers);
  res.end(answer.body);
}

/**
 * A body refused unread (a declared length far over the limit): the answer goes out at
 * once, whole (its content-length tells the client so), with Connection: close; what is
 * in flight is read and dropped for a moment, so the client is not reset mid-write and
 * sees the answer, then the connection is cut rather than draining gigabytes.
 */
function answerUnreadBody(req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body: Buffer) {
  res.writeHead(status, { ...headers, connection: "close" });
  res.write(body);
  req.resume();
  const done = () => {
    clearTimeout(cut);
    res.end();
  };
  const cut = setTimeout(() => {
    done();
    req.socket.destroy();
  }, 2000);
  req.once("end", done);
  req.once("close", done);
}
