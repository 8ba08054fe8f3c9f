import { z } from "zod";
import { DomainError, describeZodError } from "@/lib/errors";
import { requireAdmin, requireUser, type CurrentUser } from "./session";

/** What every form's server action answers, for useActionState. */
export type FormState<R = unknown> = {
  ok?: boolean;
  message?: string;
  errors?: Record<string, string[]>;
  /** What was submitted (never passwords), so a refused form keeps what was typed. */
  values?: Record<string, string>;
  /** Done, but with something the user should know (e.g. fields Pruvan will not receive). */
  warnings?: string[];
  /** What the action produced, for the form to show (never stored or put in a URL). */
  result?: R;
};

function echoValues(formData: FormData): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of formData) {
    if (typeof value === "string" && !/password|secret|token/i.test(key) && !key.startsWith("$")) values[key] = value;
  }
  return values;
}

/**
 * The one way staff writes reach the domain: checks the session and the role on the
 * server, parses the form with the schema, and turns domain refusals into field errors.
 */
export function formAction<S extends z.ZodType, R = unknown>(
  opts: { role: "admin" | "staff"; schema: S },
  run: (input: z.infer<S>, user: CurrentUser) => Promise<FormState<R> | void>,
) {
  return async (_prev: FormState<R>, formData: FormData): Promise<FormState<R>> => {
    const user = opts.role === "admin" ? await requireAdmin() : await requireUser();
    const parsed = opts.schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return {
        errors: describeZodError(parsed.error).fieldErrors,
        message: "Check the highlighted fields.",
        values: echoValues(formData),
      };
    }
    try {
      return (await run(parsed.data, user)) ?? { ok: true };
    } catch (err) {
      if (err instanceof DomainError) return { message: err.message, errors: err.fieldErrors, values: echoValues(formData) };
      throw err;
    }
  };
}
