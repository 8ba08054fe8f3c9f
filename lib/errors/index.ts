import type { z } from "zod";

/** A refusal the user can act on: the message is shown as-is, field errors beside fields. */
export class DomainError extends Error {
  constructor(
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

/** Input checked against a schema, or a DomainError naming each field and rule (never a raw ZodError). */
export function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const { message, fieldErrors } = describeZodError(parsed.error);
    throw new DomainError(message, fieldErrors);
  }
  return parsed.data;
}

/** Turns a zod error into "field: rule" lines and a field map. */
export function describeZodError(error: z.ZodError): { message: string; fieldErrors: Record<string, string[]> } {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "input";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  const message = Object.entries(fieldErrors)
    .map(([field, rules]) => `${field}: ${rules.join("; ")}`)
    .join("\n");
  return { message, fieldErrors };
}
