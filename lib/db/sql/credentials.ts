import { Prisma } from "../generated/client";
import { dateOf, readSnapshot } from "../reader";

// Who is calling the Pruvan API: read on every call to the four endpoints (an upload burst
// is hundreds of calls), in plain SQL on the bulk reader rather than through Prisma 6,
// which compiles each query in WebAssembly on every call (~2.8 ms of CPU for this one on
// this machine, ~0.3 ms here; see uploads.ts). Revocation by another process is seen on
// the next call: every read is a fresh snapshot of what is committed.

export type CredentialRow = {
  id: string;
  username: string;
  mode: "internal" | "external";
  autoAdmin: boolean;
  clientCode: string | null;
  disabledAt: Date | null;
  /** The integration's keys that are not revoked. */
  apiKeys: Array<{ id: string; tokenHash: string; passwordVerifier: string; lastUsedAt: Date | null }>;
};

/** An integration by its (lower-case) username, with its unrevoked API keys; null when none. */
export async function integrationWithKeys(username: string): Promise<CredentialRow | null> {
  const [rows] = await readSnapshot([
    Prisma.sql`SELECT i."id", i."username", i."mode", i."autoAdmin", i."clientCode", i."disabledAt",
        k."id" AS "keyId", k."tokenHash", k."passwordVerifier", k."lastUsedAt"
      FROM "Integration" i LEFT JOIN "ApiKey" k ON k."integrationId" = i."id" AND k."revokedAt" IS NULL
      WHERE i."username" = ${username}`,
  ]);
  const first = rows![0];
  if (!first) return null;
  return {
    id: first.id as string,
    username: first.username as string,
    mode: first.mode as CredentialRow["mode"],
    autoAdmin: Boolean(first.autoAdmin),
    clientCode: first.clientCode as string | null,
    disabledAt: dateOf(first.disabledAt),
    apiKeys: rows!
      .filter((r) => r.keyId !== null)
      .map((r) => ({
        id: r.keyId as string,
        tokenHash: r.tokenHash as string,
        passwordVerifier: r.passwordVerifier as string,
        lastUsedAt: dateOf(r.lastUsedAt),
      })),
  };
}
