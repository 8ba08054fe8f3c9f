import { z } from "zod";
import { createIntegration, listIntegrationSummaries, revokeApiKeys, rotateApiKey } from "@/lib/integrations/manage";
import { newIntegrationSchema } from "@/lib/integrations/schemas";
import { command } from "../command";

const username = z.string({ error: "is required" });

export const integrationCommands = [
  command({
    name: "integration:create",
    summary: "Connect a Pruvan account; prints its API key once",
    usage: "integration:create --username U --mode internal|external [--no-auto-admin] [--name N] [--client-code C]",
    flags: newIntegrationSchema.strict(),
    run: (flags) => createIntegration(flags),
  }),
  command({
    name: "integration:rotate-key",
    summary: "Issue a new API key (the old one stops working); prints it once",
    usage: "integration:rotate-key --username U",
    flags: z.object({ username }).strict(),
    run: ({ username }) => rotateApiKey(username),
  }),
  command({
    name: "integration:revoke",
    summary: "Revoke the integration's API keys: Pruvan's calls are refused",
    usage: "integration:revoke --username U",
    flags: z.object({ username }).strict(),
    run: ({ username }) => revokeApiKeys(username),
  }),
  command({
    name: "integration:list",
    summary: "List integrations with key prefixes, validation and pull times",
    usage: "integration:list",
    flags: z.object({}).strict(),
    run: () => listIntegrationSummaries(),
  }),
];
