import { z } from "zod";

// Inputs of integration management (CLI and the Integrations pages).

/** What Pruvan sends as `username`: compared case-insensitively, stored lowercased. */
export const integrationUsernameSchema = z
  .string({ error: "is required" })
  .trim()
  .min(1, "is required")
  .max(100, "must be at most 100 characters")
  .regex(/^[A-Za-z0-9._@+-]+$/, "may use letters, digits and . _ @ + - only")
  .transform((u) => u.toLowerCase());

export const newIntegrationSchema = z.object({
  username: integrationUsernameSchema,
  mode: z.enum(["internal", "external"], { error: "must be internal or external" }),
  // remote-fields-and-statuses "Auto-Admin": "Auto-Admin is ON by default".
  autoAdmin: z.boolean().default(true),
  name: z.string().trim().min(1).max(200).optional(),
  clientCode: z
    .string()
    .trim()
    .min(1)
    .max(40)
    .regex(/^[A-Za-z0-9_-]+$/, "may use letters, digits, _ and - only (Pruvan's integration code)")
    .optional(),
});

export type NewIntegration = z.input<typeof newIntegrationSchema>;

/** What an admin may change after create: everything but the username (Pruvan's login). */
export const integrationSettingsSchema = newIntegrationSchema.omit({ username: true });
export type IntegrationSettings = z.input<typeof integrationSettingsSchema>;
