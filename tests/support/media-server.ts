import { readFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";

// A real HTTP server playing the host behind Pruvan's video links (pruvan-api-v2
// "uploadPictures": "To retrieve the video file use GET on the uri in the videoUri field").
// Each path answers what the test sets; every GET is counted.

/** A 2 s, 160x120 H.264 MP4 (made with ffmpeg's test source; Chromium plays it). */
export const CLIP_MP4 = readFileSync(path.join(__dirname, "media/clip.mp4"));

export type MediaAnswer =
  /** A file; `chunked` sends it without Content-Length. */
  | { video: Buffer; contentType?: string; chunked?: boolean }
  | { status: number; body?: string; headers?: Record<string, string> }
  /** Headers and the first bytes, then nothing more until the client gives up. */
  | { stallAfter: number; video: Buffer };

export type MediaServer = {
  url: (name: string) => string;
  /** What a path answers; `nth` counts that path's GETs from 1. */
  serve: (name: string, answer: MediaAnswer | ((nth: number) => MediaAnswer)) => void;
  gets: (name: string) => number;
  /** When each GET of a path arrived (ms since the epoch). */
  getTimes: (name: string) => number[];
  close: () => Promise<void>;
};

export async function startMediaServer(): Promise<MediaServer> {
  const answers = new Map<string, MediaAnswer | ((nth: number) => MediaAnswer)>();
  const times = new Map<string, number[]>();
  const open = new Set<ServerResponse>();
  const server = createServer((req, res) => {
    const name = decodeURIComponent(new URL(req.url ?? "/", "http://127.0.0.1").pathname.slice(1));
    const seen = times.get(name) ?? [];
    seen.push(Date.now());
    times.set(name, seen);
    const nth = seen.length;
    const configured = answers.get(name);
    const answer = typeof configured === "function" ? configured(nth) : (configured ?? { status: 404, body: "not found" });
    open.add(res);
    res.on("close", () => open.delete(res));
    if ("stallAfter" in answer) {
      res.writeHead(200, { "content-type": "video/mp4", "content-length": String(answer.video.length) });
      res.write(answer.video.subarray(0, answer.stallAfter));
      return; // never ends: the client's idle timeout must
    }
    if ("video" in answer) {
      res.writeHead(200, {
        "content-type": answer.contentType ?? "video/mp4",
        ...(answer.chunked ? {} : { "content-length": String(answer.video.length) }),
      });
      return void res.end(answer.video);
    }
    res.writeHead(answer.status, { "content-type": "text/plain", ...answer.headers });
    res.end(answer.body ?? "");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}`,
    serve: (name, answer) => void answers.set(name, answer),
    gets: (name) => times.get(name)?.length ?? 0,
    getTimes: (name) => [...(times.get(name) ?? [])],
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
