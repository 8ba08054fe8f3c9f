"use server";

import { redirect } from "next/navigation";
import { formAction } from "@/lib/auth/action";
import { changeOwnPassword } from "@/lib/users";
import { changeOwnPasswordSchema } from "@/lib/users/schemas";

// A new password ends every session opened with the old one, this one included: sign in again.
export const changeOwnPasswordAction = formAction(
  { role: "staff", schema: changeOwnPasswordSchema },
  async ({ currentPassword, password }, user) => {
    await changeOwnPassword(user.id, currentPassword, password);
    redirect("/sign-in?passwordChanged=1");
  },
);
