import type { IncomingMessage, ServerResponse } from "node:http";
import { config } from "@/lib/config";
import { securityHeaders } from "@/lib/http/security-headers";

// Graceful shutdown of one instance behind a load balancer (docs/several-machines.md).
// On SIGTERM the instance drains: every new request, the health check included,
// is answered 503 with Connection: close (the balancer sends the traffic to the others and
// Pruvan retries what it was told failed), while the requests already being served (an
// upload half way through) run to their end, for up to SHUTDOWN_GRACE_MS.

export class RequestDrain {
  private readonly inFlight = new Set<ServerResponse>();
  private idle: (() => void) | undefined;
  draining = false;

  /** Counts the request in, or answers it 503 when draining; false when refused. */
  admit(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.draining) {
      refuseWhileDraining(req, res);
      return false;
    }
    this.inFlight.add(res);
    res.once("close", () => {
      this.inFlight.delete(res);
      if (this.inFlight.size === 0) this.idle?.();
    });
    return true;
  }

  get pending(): number {
    return this.inFlight.size;
  }

  /** Starts draining; settles when no request is in flight or after graceMs, with what was left. */
  async drain(graceMs: number): Promise<number> {
    this.draining = true;
    if (this.inFlight.size > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, graceMs);
        this.idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
    }
    return this.inFlight.size;
  }
}

/** What a draining instance answers: JSON with "error" (Pruvan's error shape), status 503. */
function refuseWhileDraining(req: IncomingMessage, res: ServerResponse) {
  const health = req.url?.split("?")[0] === "/api/health";
  const body = JSON.stringify(
    health ? { ok: false, draining: true } : { error: "This portal instance is shutting down; send the request again." },
  );
  res.writeHead(503, {
    ...securityHeaders(config().publicUrl),
    "content-type": "application/json",
    "cache-control": "no-store",
    "retry-after": "1",
    connection: "close",
    "content-length": Buffer.byteLength(body),
  });
  res.end(body);
  req.resume(); // an unread body is read and dropped, so the client sees the answer
}
