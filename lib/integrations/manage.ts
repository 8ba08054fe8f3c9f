import { db, type Tx } from "@/lib/db";
import { DomainError, parse } from "@/lib/errors";
import { issueKey } from "./api-keys";
import { listIntegrations } from "./queries";
import { maySetStatus } from "@/lib/pruvan/statuses";
import { resendOrders } from "@/lib/push/outbox";
import {
  integrationSettingsSchema,
  integrationUsernameSchema,
  newIntegrationSchema,
  type IntegrationSettings,
  type NewIntegration,
} from "./schemas";

// Creating integrations and managing their API keys. A key is returned once, here, and
// only its verifiers are stored.

export type IssuedToken = { username: string; token: string };

export async function createIntegration(input: NewIntegration): Promise<IssuedToken> {
  const data = parse(newIntegrationSchema, input);
  return db().$transaction(async (tx) => {
    if (await tx.integration.findUnique({ where: { username: data.username }, select: { id: true } })) {
      throw new DomainError(`An integration with username "${data.username}" already exists.`, { username: ["is already taken"] });
    }
    const integration = await tx.integration.create({
      data: {
        username: data.username,
        name: data.name ?? data.username,
        mode: data.mode,
        autoAdmin: data.autoAdmin,
        clientCode: data.clientCode,
      },
    });
    return { username: integration.username, token: (await addKey(tx, integration.id)).key };
  });
}

export type SettingsChange = { username: string; rulesChanged: boolean; ordersResent: number; pushesQueued: number };

/**
 * Name, mode, auto_admin and client code, as set in Pruvan's integration setup. A change of
 * mode or auto_admin changes which fields Pruvan gets for every order, so the integration's
 * current orders are sent again (marked changed for pulls, queued for push).
 */
export async function updateIntegrationSettings(id: string, input: IntegrationSettings): Promise<SettingsChange> {
  const data = parse(integrationSettingsSchema, input);
  return db().$transaction(async (tx) => {
    const before = await tx.integration.findUnique({ where: { id }, select: { username: true, mode: true, autoAdmin: true } });
    if (!before) throw new DomainError("No such integration.");
    await tx.integration.update({
      where: { id },
      data: { name: data.name ?? before.username, mode: data.mode, autoAdmin: data.autoAdmin, clientCode: data.clientCode ?? null },
    });
    // The fields sent depend on the mode and on whether status may be set (auto_admin only counts for external).
    const rulesChanged = before.mode !== data.mode || maySetStatus(before) !== maySetStatus(data);
    if (!rulesChanged) return { username: before.username, rulesChanged, ordersResent: 0, pushesQueued: 0 };
    const orders = await tx.workOrder.findMany({
      where: { integrationId: id, deletedAt: null },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    const pushesQueued = await resendOrders(
      tx,
      id,
      orders.map((o) => o.id),
    );
    return { username: before.username, rulesChanged, ordersResent: orders.length, pushesQueued };
  });
}

/** A new key; every earlier key stops working at once (Pruvan's setup must get the new one). */
export async function rotateApiKey(username: string): Promise<IssuedToken> {
  return db().$transaction(async (tx) => {
    const integration = await findIntegration(tx, username);
    await revokeAll(tx, integration.id);
    return { username: integration.username, token: (await addKey(tx, integration.id)).key };
  });
}

/** Revokes every key of the integration: Pruvan's calls are refused until a new key is issued. */
export async function revokeApiKeys(username: string): Promise<{ username: string; revoked: number }> {
  return db().$transaction(async (tx) => {
    const integration = await findIntegration(tx, username);
    return { username: integration.username, revoked: await revokeAll(tx, integration.id) };
  });
}

/**
 * A key for one job on this machine (the demo crew plays Pruvan with it): issued, used, and
 * revoked when the job ends, whatever happened; earlier keys keep working.
 */
export async function withTemporaryKey<T>(username: string, job: (token: string) => Promise<T>): Promise<T> {
  const { id, key: token } = await db().$transaction(async (tx) => addKey(tx, (await findIntegration(tx, username)).id));
  try {
    return await job(token);
  } finally {
    await db().apiKey.update({ where: { id }, data: { revokedAt: new Date() } });
  }
}

/** Every integration for the CLI: never a key, a verifier or the push key URL itself. */
export async function listIntegrationSummaries() {
  const rows = await listIntegrations();
  return rows.map((i) => ({
    username: i.username,
    name: i.name,
    mode: i.mode,
    autoAdmin: i.autoAdmin,
    clientCode: i.clientCode,
    disabled: i.disabledAt !== null,
    hasPushKey: i.pushKeyUrl !== null,
    validatedAt: i.validatedAt,
    lastPullAt: i.lastPullAt,
    lastPushAt: i.lastPushAt,
    lastError: i.lastError,
    orders: i._count.workOrders,
    keys: i.apiKeys.map((k) => ({ prefix: `${k.prefix}...`, createdAt: k.createdAt, lastUsedAt: k.lastUsedAt })),
  }));
}

async function addKey(tx: Tx, integrationId: string): Promise<{ id: string; key: string }> {
  const { key, prefix, tokenHash, passwordVerifier } = issueKey();
  const row = await tx.apiKey.create({ data: { integrationId, prefix, tokenHash, passwordVerifier }, select: { id: true } });
  return { id: row.id, key };
}

async function revokeAll(tx: Tx, integrationId: string): Promise<number> {
  const { count } = await tx.apiKey.updateMany({ where: { integrationId, revokedAt: null }, data: { revokedAt: new Date() } });
  return count;
}

async function findIntegration(tx: Tx, rawUsername: string) {
  const username = integrationUsernameSchema.safeParse(rawUsername);
  const integration = username.success
    ? await tx.integration.findUnique({ where: { username: username.data }, select: { id: true, username: true } })
    : null;
  if (!integration) throw new DomainError(`No integration with username "${rawUsername}".`, { username: ["is unknown"] });
  return integration;
}
