import { config } from "@/lib/config";
import { db, type Prisma } from "@/lib/db";
import { DomainError } from "@/lib/errors";

/** What the integrations list and an integration's page both show: who, which type, when it last synced, its health. */
const INTEGRATION_SUMMARY_SELECT = {
  id: true,
  username: true,
  name: true,
  mode: true,
  autoAdmin: true,
  clientCode: true,
  validatedAt: true,
  lastPullAt: true,
  lastPushAt: true,
  lastError: true,
  disabledAt: true,
  pushKeyUrl: true,
} as const;

export function listIntegrations() {
  return db().integration.findMany({
    orderBy: { username: "asc" },
    select: {
      ...INTEGRATION_SUMMARY_SELECT,
      apiKeys: { where: { revokedAt: null }, select: { prefix: true, createdAt: true, lastUsedAt: true } },
      _count: { select: { workOrders: true } },
    },
  });
}

/** The few facts an integration's admin actions answer with (its setup card, its name in messages). */
export const INTEGRATION_REF_SELECT = { id: true, username: true, clientCode: true, mode: true } as const;

/** An integration named by id or username (pages send ids, the CLI and imports usernames), or a refusal naming it. */
export async function requireIntegration<S extends Prisma.IntegrationSelect>(
  idOrUsername: string,
  select: S,
): Promise<Prisma.IntegrationGetPayload<{ select: S }>> {
  const integration = await db().integration.findFirst({ where: { OR: [{ id: idOrUsername }, { username: idOrUsername }] }, select });
  if (!integration) throw new DomainError(`No integration "${idOrUsername}".`, { integrationId: ["is not a known integration"] });
  return integration;
}

/** Integrations an order can belong to, with the rules its form applies. */
export function listOrderIntegrations() {
  return db().integration.findMany({
    where: { disabledAt: null },
    orderBy: { username: "asc" },
    select: { id: true, username: true, name: true, mode: true, autoAdmin: true },
  });
}

/**
 * One integration for its admin page. The push key is a pre-authenticated URL, as good as
 * a password for the Pruvan account: only its host leaves here.
 */
export async function getIntegrationDetail(id: string) {
  const integration = await db().integration.findUnique({
    where: { id },
    select: {
      ...INTEGRATION_SUMMARY_SELECT,
      createdAt: true,
      lastErrorAt: true,
      pushKeyAt: true,
      pushHoldUntil: true,
      apiKeys: {
        where: { revokedAt: null },
        orderBy: { createdAt: "desc" },
        select: { id: true, prefix: true, createdAt: true, lastUsedAt: true },
      },
      _count: { select: { workOrders: { where: { deletedAt: null } } } },
    },
  });
  if (!integration) return null;
  const { pushKeyUrl, ...rest } = integration;
  return { ...rest, pushKeyHost: pushKeyUrl ? hostOf(pushKeyUrl) : null };
}
export type IntegrationDetail = NonNullable<Awaited<ReturnType<typeof getIntegrationDetail>>>;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "(not a valid URL)";
  }
}

/** What a customer types into Pruvan's "Define Integrations" form (all but the key). */
export function integrationSetup(username: string) {
  return {
    webServiceUrl: `${config().publicUrl}/api/pruvan`,
    // Pruvan calls {url}/{service}.{extension}; our endpoints answer any extension, or none.
    extension: "html",
    username,
  };
}
export type IntegrationSetup = ReturnType<typeof integrationSetup>;
