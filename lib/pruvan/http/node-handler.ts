import type { IncomingMessage, ServerResponse } from "node:http";
import { servePruvanRequest } from "./serve";

/**
 * The Pruvan API on a plain node:http request, for the production server to put in front
 * of Next: Next's route handlers were measured buffering whole request bodies in memory
 * (vercel/next.js #59519; see README "Connecting Pruvan"), this streams them to disk.
 */
export async function handlePruvanNodeRequest(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
  const answer = await servePruvanRequest({
    method: req.method ?? "GET",
    pathname,
    contentType: req.headers["content-type"],
    contentLength: req.headers["content-length"],
    body: req,
  });
  if (res.destroyed) return; // the client went away mid-request; nothing to answer
  if (answer.close) res.setHeader("connection", "close");
  res.writeHead(answer.status, { ...answer.headers, "content-length": Buffer.byteLength(answer.body) });
  res.end(answer.body);
}
