import { db, type IntegrationMode } from "@/lib/db";
import { integrationWithKeys } from "@/lib/db/sql/credentials";
import { passwordVerifier, sameDigest, tokenVerifier } from "./api-keys";

// Who is calling: Pruvan's `username` names the integration; the key we issued arrives
// plaintext in `token` and as sha1 hex in `password`. The token decides when present;
// the password only when the token is absent (plain-http setups send no token).

export type Credentials = { username?: unknown; password?: unknown; token?: unknown };

export type AuthenticatedIntegration = {
  id: string;
  username: string;
  mode: IntegrationMode;
  autoAdmin: boolean;
  clientCode: string | null;
};

export type AuthResult =
  | { ok: true; integration: AuthenticatedIntegration }
  // "unknown" covers a missing user and a wrong or revoked key alike: callers answer both the same.
  | { ok: false; reason: "unknown" | "disabled"; integrationId?: string };

const LAST_USED_EVERY_MS = 60_000;
// Compared against when the user is unknown or has no key, so that every refusal costs the same.
const NO_KEY = { id: "", tokenHash: "0".repeat(64), passwordVerifier: "0".repeat(64), lastUsedAt: null };

export async function authenticate(credentials: Credentials): Promise<AuthResult> {
  const username = text(credentials.username)?.toLowerCase();
  const token = text(credentials.token);
  const password = text(credentials.password);
  const integration = username && username.length <= 100 ? await integrationWithKeys(username) : null;

  // A token of the wrong type is a wrong token, not an absent one.
  const tokenAbsent = credentials.token === undefined || credentials.token === null || credentials.token === "";
  const presented: { column: "tokenHash" | "passwordVerifier"; digest: string } | null = !tokenAbsent
    ? token !== undefined
      ? { column: "tokenHash", digest: tokenVerifier(token) }
      : null
    : password !== undefined
      ? { column: "passwordVerifier", digest: passwordVerifier(password) }
      : null;
  const keys = integration?.apiKeys.length ? integration.apiKeys : [NO_KEY];
  let matched: (typeof keys)[number] | undefined;
  for (const key of keys) {
    // Every key is compared (no early exit), each in constant time.
    const ok = presented !== null && sameDigest(key[presented.column], presented.digest);
    if (ok && key !== NO_KEY) matched ??= key;
  }
  if (!integration || !matched) return { ok: false, reason: "unknown", integrationId: integration?.id };
  if (integration.disabledAt) return { ok: false, reason: "disabled", integrationId: integration.id };

  await touchKey(matched.id, matched.lastUsedAt);
  const { id, mode, autoAdmin, clientCode } = integration;
  return { ok: true, integration: { id, username: integration.username, mode, autoAdmin, clientCode } };
}

/** lastUsedAt at most once a minute: an upload burst must not turn into a write per call. */
async function touchKey(id: string, lastUsedAt: Date | null) {
  const now = new Date();
  if (lastUsedAt && now.getTime() - lastUsedAt.getTime() < LAST_USED_EVERY_MS) return;
  await db().apiKey.updateMany({
    where: { id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now.getTime() - LAST_USED_EVERY_MS) } }] },
    data: { lastUsedAt: now },
  });
}

function text(value: unknown): string | undefined {
  if (typeof value !== "string") return undefined;
  const trimmed = value.trim();
  return trimmed === "" ? undefined : trimmed;
}
