// s3rver ships no types; the part of its API the tests use.
declare module "s3rver" {
  import type { IncomingMessage, ServerResponse } from "node:http";
  type Context = {
    method: string;
    path: string;
    query: Record<string, string | undefined>;
    req: IncomingMessage;
    res: ServerResponse;
    status: number;
    body: unknown;
    type: string;
  };
  export default class S3rver {
    constructor(options: {
      address?: string;
      port?: number;
      directory: string;
      silent?: boolean;
      configureBuckets?: { name: string }[];
      serviceEndpoint?: string;
      vhostBuckets?: boolean;
    });
    middleware: ((ctx: Context, next: () => Promise<void>) => Promise<void> | void)[];
    httpServer: import("node:http").Server;
    store: { deleteObject(bucket: string, key: string): Promise<void> };
    run(): Promise<{ address: string; port: number }>;
    close(): Promise<void>;
  }
}
