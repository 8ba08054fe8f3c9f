import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { clientAddressFrom } from "@/lib/http/client-address";
import { servePruvanRequest } from "@/lib/pruvan/http/serve";

export const dynamic = "force-dynamic";

// ANY /api/pruvan/{name}.{ext} - the Pruvan API v2 web services: validate, getWorkOrders,
// uploadPictures, status (any extension; other names 404, other methods 405).
// The body streams: Next 16 hands route handlers the socket through undici's Request,
// with backpressure (measured: a 1 GB upload adds ~35 MB to the server's peak RSS; the upload bench,
// scripts/bench/upload.ts, prints peak RSS under parallel 20 MB uploads). A proxy.ts/middleware matching this path would
// buffer and cut bodies at 10 MB: keep /api/pruvan out of any matcher.
async function handle(request: Request): Promise<Response> {
  const answer = await servePruvanRequest({
    method: request.method,
    pathname: new URL(request.url).pathname,
    contentType: request.headers.get("content-type") ?? undefined,
    contentLength: request.headers.get("content-length") ?? undefined,
    body: request.body ? Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>) : Readable.from([]),
    address: clientAddressFrom(request.headers),
  });
  const headers = answer.close ? { ...answer.headers, connection: "close" } : answer.headers;
  return new Response(new Uint8Array(answer.body), { status: answer.status, headers });
}

export { handle as GET, handle as POST, handle as PUT, handle as PATCH, handle as DELETE, handle as OPTIONS };
