import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password";

export const roleSchema = z.enum(["admin", "staff"], { error: "must be admin or staff" });
export const emailSchema = z.string().trim().toLowerCase().email("must be an email address").max(320);

export const newUserSchema = z.object({
  email: emailSchema,
  password: passwordSchema,
  role: roleSchema.default("staff"),
  name: z
    .string()
    .trim()
    .max(120)
    .optional()
    .transform((v) => v || undefined),
});
export type NewUser = z.infer<typeof newUserSchema>;

export const userIdSchema = z.object({ userId: z.string().min(1) });
export const resetPasswordSchema = userIdSchema.extend({ password: passwordSchema });
export const changeOwnPasswordSchema = z.object({ currentPassword: z.string().min(1, "is required").max(200), password: passwordSchema });
