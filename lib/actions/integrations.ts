"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { DomainError } from "@/lib/errors";
import { createIntegration, revokeApiKeys, rotateApiKey, updateIntegrationSettings, type SettingsChange } from "@/lib/integrations/manage";
import { INTEGRATION_REF_SELECT, integrationSetup, requireIntegration, type IntegrationSetup } from "@/lib/integrations/queries";
import { integrationSettingsSchema, newIntegrationSchema } from "@/lib/integrations/schemas";
import { checkboxField } from "@/lib/form-fields";
import { requestRefresh } from "@/lib/push/manage";

// Integrations and their API keys (admins only). A new key travels back once, in this
// action's answer, to be copied into Pruvan's setup: it is never stored (only its hashes),
// never put in a URL, never echoed in a form's values.

export type IssuedSetup = IntegrationSetup & { apiKey: string; integrationId: string; clientCode: string | null; mode: string };

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : v);

/** The create and settings forms' fields as the schemas take them: a blank name or client code is none. */
const integrationFormFields = (v: unknown) => {
  const form = (v ?? {}) as Record<string, unknown>;
  return {
    ...form,
    autoAdmin: checkboxField.parse(form.autoAdmin),
    name: blankToUndefined(form.name),
    clientCode: blankToUndefined(form.clientCode),
  };
};

const newIntegrationFormSchema = z.preprocess(integrationFormFields, newIntegrationSchema);
const settingsFormSchema = z.preprocess(
  integrationFormFields,
  integrationSettingsSchema.extend({ integrationId: z.string({ error: "is required" }).min(1) }),
);

export const createIntegrationAction = formAction({ role: "admin", schema: newIntegrationFormSchema }, async (input) => {
  const { username, token } = await createIntegration(input);
  const integration = await requireIntegration(username, INTEGRATION_REF_SELECT);
  revalidatePath("/integrations");
  return { ok: true, message: `Created integration ${username}.`, result: issued(username, token, integration) };
});

export const updateSettingsAction = formAction({ role: "admin", schema: settingsFormSchema }, async ({ integrationId, ...settings }) => {
  const change = await updateIntegrationSettings(integrationId, settings);
  revalidateIntegration(integrationId);
  return { ok: true, message: `Saved the settings of ${change.username}.${rulesChangeNote(change)}` };
});

/** What a change of mode or auto_admin means for the integration's orders, told to the admin who made it. */
function rulesChangeNote({ rulesChanged, ordersResent, pushesQueued }: SettingsChange): string {
  if (!rulesChanged) return "";
  const setInPruvan = " Set the same type in Pruvan's integration setup";
  if (ordersResent === 0) return `${setInPruvan}.`;
  const orders = ordersResent === 1 ? "order goes" : "orders go";
  const when = pushesQueued ? ` (${pushesQueued} queued for push)` : " with its next pull";
  return `${setInPruvan}: its ${ordersResent} current ${orders} to Pruvan again under the new rules${when}.`;
}

const keyChangeSchema = z.object({ integrationId: z.string({ error: "is required" }).min(1), confirm: checkboxField.optional() });

/** An integration's page and the list show what an action changed. */
function revalidateIntegration(id: string) {
  revalidatePath(`/integrations/${id}`);
  revalidatePath("/integrations");
}

function requireConfirmation(confirm: boolean | undefined, what: string) {
  if (!confirm) throw new DomainError(`Confirm that ${what}.`, { confirm: ["confirm to proceed"] });
}

export const rotateKeyAction = formAction({ role: "admin", schema: keyChangeSchema }, async ({ integrationId, confirm }) => {
  const integration = await requireIntegration(integrationId, INTEGRATION_REF_SELECT);
  requireConfirmation(confirm, "the current key stops working at once");
  const { token } = await rotateApiKey(integration.username);
  revalidateIntegration(integrationId);
  return {
    ok: true,
    message: `New key issued for ${integration.username}; the old one no longer works.`,
    result: issued(integration.username, token, integration),
  };
});

export const revokeKeysAction = formAction({ role: "admin", schema: keyChangeSchema }, async ({ integrationId, confirm }) => {
  const integration = await requireIntegration(integrationId, INTEGRATION_REF_SELECT);
  requireConfirmation(confirm, "Pruvan's calls are refused until a new key is issued");
  const { revoked } = await revokeApiKeys(integration.username);
  revalidateIntegration(integrationId);
  return {
    ok: true,
    message: `Revoked ${revoked} ${revoked === 1 ? "key" : "keys"}: Pruvan's calls as ${integration.username} are refused until you rotate to a new key.`,
  };
});

export const refreshIntegrationAction = formAction(
  { role: "admin", schema: z.object({ integrationId: z.string().min(1) }) },
  async ({ integrationId }) => {
    const { alreadyQueued } = await requestRefresh(integrationId);
    revalidatePath(`/integrations/${integrationId}`);
    revalidatePath("/push-log");
    return {
      ok: true,
      message: alreadyQueued
        ? "A refresh request is already waiting to go out."
        : "Asked: Pruvan starts importing this account's orders when it gets the call (within seconds).",
    };
  },
);

function issued(username: string, apiKey: string, integration: { id: string; clientCode: string | null; mode: string }): IssuedSetup {
  return {
    ...integrationSetup(username),
    apiKey,
    integrationId: integration.id,
    clientCode: integration.clientCode,
    mode: integration.mode,
  };
}
