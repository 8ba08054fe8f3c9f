import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { signInPasswordSchema, verifyPassword } from "./password";
import { clearSignInFailures, recordSignInFailure, signInRetryAfterMs } from "./throttle";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: signInPasswordSchema,
});

/** Checks email and password; null for every kind of refusal (the caller shows one message). */
export async function authorizeStaff(raw: unknown) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  if ((await signInRetryAfterMs(email)) > 0) return null;
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || user.disabledAt) {
    await recordSignInFailure(email);
    return null;
  }
  await clearSignInFailures(email);
  return {
    id: user.id,
    email: user.email,
    name: user.name ?? user.email,
    role: user.role,
    pwdAt: user.passwordChangedAt.getTime(),
  };
}

export function authOptions(): NextAuthOptions {
  return {
    secret: config().authSecret,
    session: { strategy: "jwt", maxAge: 12 * 3600 },
    pages: { signIn: "/sign-in" },
    providers: [
      CredentialsProvider({
        name: "Email and password",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        authorize: (credentials) => authorizeStaff(credentials),
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as { role?: string }).role;
          token.pwdAt = (user as { pwdAt?: number }).pwdAt;
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, user: { ...session.user, id: token.uid, role: token.role, pwdAt: token.pwdAt } };
      },
    },
  };
}
