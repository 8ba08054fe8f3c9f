import { Readable } from "node:stream";
import { servePruvanRequest } from "@/lib/pruvan/http/serve";

export const dynamic = "force-dynamic";

// ANY /api/pruvan/{name}.{ext} - the Pruvan API v2 web services (validate, getWorkOrders,
// uploadPictures, status). In production lib/server/main.ts answers these paths itself,
// streaming, before Next sees them; this route serves the same code under `next dev`.
async function handle(request: Request): Promise<Response> {
  const answer = await servePruvanRequest({
    method: request.method,
    pathname: new URL(request.url).pathname,
    contentType: request.headers.get("content-type") ?? undefined,
    contentLength: request.headers.get("content-length") ?? undefined,
    body: request.body ? Readable.fromWeb(request.body as import("node:stream/web").ReadableStream) : Readable.from([]),
  });
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as HEAD, handle as OPTIONS };
