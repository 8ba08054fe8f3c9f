import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

// A real HTTP server playing Pruvan's push key endpoint (pruvan-api-v2 "Pruvan Push API").
// Each push key is http://127.0.0.1:PORT/api/?apiKey=KEY; what each key answers is set by
// the test. By default it answers like Pruvan: text/html with the counts. It also serves
// files under /media/ (a video's videoUri, pruvan-api-v2 "uploadPictures"); GETs of those
// are not push requests.

export type PushRequest = {
  apiKey: string;
  method: string;
  contentType: string;
  body: string;
  /** The `workOrders` form field, parsed; null when absent. */
  workOrders: Record<string, unknown>[] | null;
  at: number;
};

export type Answer = {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  hang?: boolean;
  reset?: boolean;
  delayMs?: number;
};
export type Responder = (req: PushRequest, nth: number) => Answer;

export type PushEndpoint = {
  url: (apiKey: string) => string;
  requests: PushRequest[];
  /** What one key answers from now on (nth counts that key's calls from 1). */
  answer: (apiKey: string, responder: Responder) => void;
  forKey: (apiKey: string) => PushRequest[];
  waitFor: (predicate: (requests: PushRequest[]) => boolean, timeoutMs?: number) => Promise<void>;
  /** Serves these bytes at http://127.0.0.1:PORT/media/NAME until expired; answers the URL. */
  serveMedia: (name: string, bytes: Buffer, contentType: string) => string;
  /** The link stops working (404), as a video link does 24 h after it was sent. */
  expireMedia: (name: string) => void;
  /** GETs of each media name so far. */
  mediaFetches: Map<string, number>;
  close: () => Promise<void>;
};

/** Pruvan's answer for a push of these orders. */
export function pruvanCounts(req: PushRequest): Answer {
  const n = req.workOrders?.length ?? 0;
  return { body: JSON.stringify({ response: { created: 0, updated: n, deleted: 0 }, error: null }) };
}

export async function startPushEndpoint(): Promise<PushEndpoint> {
  const requests: PushRequest[] = [];
  const responders = new Map<string, Responder>();
  const hanging = new Set<ServerResponse>();
  const media = new Map<string, { bytes: Buffer; contentType: string }>();
  const mediaFetches = new Map<string, number>();
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    if (path.startsWith("/media/")) {
      const name = decodeURIComponent(path.slice("/media/".length));
      mediaFetches.set(name, (mediaFetches.get(name) ?? 0) + 1);
      const file = media.get(name);
      if (!file) return void res.writeHead(404, { "content-type": "text/plain" }).end("link expired");
      res.writeHead(200, { "content-type": file.contentType, "content-length": file.bytes.length });
      return void res.end(req.method === "HEAD" ? undefined : file.bytes);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const apiKey = url.searchParams.get("apiKey") ?? "";
    const field = new URLSearchParams(body).get("workOrders");
    const parsed = field ? (JSON.parse(field) as { workOrders: Record<string, unknown>[] }) : null;
    const request: PushRequest = {
      apiKey,
      method: req.method ?? "",
      contentType: req.headers["content-type"] ?? "",
      body,
      workOrders: parsed?.workOrders ?? null,
      at: Date.now(),
    };
    requests.push(request);
    const nth = requests.filter((r) => r.apiKey === apiKey).length;
    const answer = (responders.get(apiKey) ?? pruvanCounts)(request, nth);
    if (answer.reset) return void req.socket.destroy(); // the connection dies without an answer
    if (answer.hang) {
      hanging.add(res);
      res.on("close", () => hanging.delete(res));
      return;
    }
    if (answer.delayMs) await new Promise((r) => setTimeout(r, answer.delayMs));
    res.writeHead(answer.status ?? 200, { "content-type": "text/html; charset=UTF-8", ...answer.headers });
    res.end(answer.body ?? pruvanCounts(request).body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (apiKey) => `http://127.0.0.1:${port}/api/?apiKey=${encodeURIComponent(apiKey)}`,
    requests,
    answer: (apiKey, responder) => void responders.set(apiKey, responder),
    forKey: (apiKey) => requests.filter((r) => r.apiKey === apiKey),
    waitFor: async (predicate, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!predicate(requests)) {
        if (Date.now() > deadline) throw new Error(`push endpoint: condition not met in ${timeoutMs} ms; got ${requests.length} requests`);
        await new Promise((r) => setTimeout(r, 25));
      }
    },
    serveMedia: (name, bytes, contentType) => {
      media.set(name, { bytes, contentType });
      return `http://127.0.0.1:${port}/media/${encodeURIComponent(name)}`;
    },
    expireMedia: (name) => void media.delete(name),
    mediaFetches,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Polls until the check passes (for state written by another process). */
export async function eventually<T>(check: () => Promise<T | null | undefined | false>, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
