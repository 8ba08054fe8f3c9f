"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { formAction } from "@/lib/auth/action";
import { createUser, resetPassword, setUserDisabled } from "@/lib/users";
import { newUserSchema, resetPasswordSchema, userIdSchema } from "@/lib/users/schemas";

export const addUserAction = formAction({ role: "admin", schema: newUserSchema }, async (input) => {
  const user = await createUser(input);
  revalidatePath("/users");
  return { ok: true, message: `Added ${user.email}.` };
});

export const setDisabledAction = formAction(
  { role: "admin", schema: userIdSchema.extend({ disabled: z.enum(["true", "false"]) }) },
  async ({ userId, disabled }, admin) => {
    await setUserDisabled(userId, disabled === "true", admin.id);
    revalidatePath("/users");
  },
);

export const resetPasswordAction = formAction({ role: "admin", schema: resetPasswordSchema }, async ({ userId, password }) => {
  await resetPassword(userId, password);
  return { ok: true, message: "Password changed. The user's open sessions have ended." };
});
