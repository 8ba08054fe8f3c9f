import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { checkPushKeyUrl } from "@/lib/push/push-key";

export type ValidationOutcome = { ok: true; pushKeyStored: boolean } | { ok: false; message: string };

/**
 * Pruvan's "Validate"/"Test" button: the credentials were good; keep the push key it hands
 * us (a new one replaces the old) and note when. A push key pointing anywhere but an
 * allowed Pruvan host is refused, and the refusal is kept as the integration's last error.
 */
export async function acceptValidation(integrationId: string, pushKey: string | null | undefined): Promise<ValidationOutcome> {
  const now = new Date();
  if (!pushKey) {
    await db().integration.update({ where: { id: integrationId }, data: { validatedAt: now } });
    return { ok: true, pushKeyStored: false };
  }
  const verdict = checkPushKeyUrl(pushKey, config().push.allowedHosts);
  if (!verdict.ok) {
    await db().integration.update({ where: { id: integrationId }, data: { lastError: verdict.reason, lastErrorAt: now } });
    return { ok: false, message: verdict.reason };
  }
  const current = await db().integration.findUniqueOrThrow({ where: { id: integrationId }, select: { pushKeyUrl: true } });
  await db().integration.update({
    where: { id: integrationId },
    data: {
      validatedAt: now,
      pushKeyUrl: verdict.url,
      ...(current.pushKeyUrl !== verdict.url ? { pushKeyAt: now } : {}),
      lastError: null,
      lastErrorAt: null,
    },
  });
  return { ok: true, pushKeyStored: true };
}
