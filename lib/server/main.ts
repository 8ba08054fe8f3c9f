import { createServer } from "node:http";
import path from "node:path";
import next from "next";
import { ConfigError, config } from "@/lib/config";
import { db } from "@/lib/db";
import { migrateDatabase } from "@/lib/db/migrate";
import { CLIENT_ADDRESS_HEADER, clientAddressOf } from "@/lib/http/client-address";
import { addPageSecurityHeaders, refusedAtTheDoor } from "@/lib/http/front-door";
import { isPruvanPath, servePruvanNode } from "@/lib/pruvan/http/node";
import { startBackgroundWork } from "./background";
import { RequestDrain } from "./drain";
import { releaseLeases } from "./leases";

const HARD_EXIT_AFTER_GRACE_MS = 10_000;

// The production server: validates configuration, migrates the database, then serves
// the Next app and starts the background work (push worker, sweeps) in this process.
async function main() {
  const cfg = config();
  process.env.NEXTAUTH_URL ??= `${cfg.publicUrl}/api/auth`;
  process.env.NEXTAUTH_SECRET ??= cfg.authSecret;
  await migrateDatabase();

  const app = next({ dev: false, dir: path.resolve(__dirname, "../.."), hostname: cfg.host, port: cfg.port });
  await app.prepare();
  const handle = app.getRequestHandler();
  const drain = new RequestDrain();
  const server = createServer((req, res) => {
    if (!drain.admit(req, res)) return;
    req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req, cfg.trustProxyHops); // never the client's own say
    if (refusedAtTheDoor(req, res, cfg, new URL(req.url ?? "/", "http://x").pathname)) return;
    if (isPruvanPath(req.url)) return void servePruvanNode(req, res); // in front of Next: streams, no web-stream detour
    addPageSecurityHeaders(req, res, cfg);
    void handle(req, res);
  });
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(cfg.port, cfg.host, resolve));
  const stopBackground = startBackgroundWork();
  console.log(JSON.stringify({ listening: `http://localhost:${cfg.port}`, publicUrl: cfg.publicUrl }));

  // SIGTERM: drain (new requests 503, those in flight finish), stop the background work
  // after its call in flight, free the leases so another instance takes over, exit 0.
  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    // Whatever hangs past the grace (a database that is gone, a stuck socket), the process
    // still exits: a supervisor waiting on it would otherwise wait forever.
    setTimeout(() => process.exit(1), cfg.shutdownGraceMs + HARD_EXIT_AFTER_GRACE_MS).unref();
    console.log(JSON.stringify({ shutdown: signal, inFlight: drain.pending, graceMs: cfg.shutdownGraceMs }));
    const grace = new Promise<void>((resolve) => setTimeout(resolve, cfg.shutdownGraceMs).unref());
    const [cutOff] = await Promise.all([drain.drain(cfg.shutdownGraceMs), Promise.race([stopBackground(), grace])]);
    server.close();
    server.closeAllConnections();
    const released = await releaseLeases().catch(() => 0);
    await db()
      .$disconnect()
      .catch(() => undefined);
    console.log(JSON.stringify({ shutdown: "done", cutOff, leasesReleased: released }));
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `server failed to start: ${(err as Error).message}`);
  process.exit(1);
});
