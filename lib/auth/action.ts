import { z } from "zod";
import { DomainError, describeZodError } from "@/lib/errors";
import { requireAdmin, requireUser, type CurrentUser } from "./session";

/** What every form's server action answers, for useActionState. */
export type FormState = { ok?: boolean; message?: string; errors?: Record<string, string[]> };

/**
 * The one way staff writes reach the domain: checks the session and the role on the
 * server, parses the form with the schema, and turns domain refusals into field errors.
 */
export function formAction<S extends z.ZodType>(
  opts: { role: "admin" | "staff"; schema: S },
  run: (input: z.infer<S>, user: CurrentUser) => Promise<FormState | void>,
) {
  return async (_prev: FormState, formData: FormData): Promise<FormState> => {
    const user = opts.role === "admin" ? await requireAdmin() : await requireUser();
    const parsed = opts.schema.safeParse(Object.fromEntries(formData));
    if (!parsed.success) {
      return { errors: describeZodError(parsed.error).fieldErrors, message: "Check the highlighted fields." };
    }
    try {
      return (await run(parsed.data, user)) ?? { ok: true };
    } catch (err) {
      if (err instanceof DomainError) return { message: err.message, errors: err.fieldErrors };
      throw err;
    }
  };
}
