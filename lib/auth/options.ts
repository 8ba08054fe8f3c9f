import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { config } from "@/lib/config";
import { db } from "@/lib/db";
import { clientAddressFrom } from "@/lib/http/client-address";
import { safeCallbackPath } from "./callback-url";
import { signInPasswordSchema, verifyPassword } from "./password";
import { settleSignIn } from "./sign-in-throttle";

const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email().max(320),
  password: signInPasswordSchema,
});

/**
 * Checks email and password; null for every kind of refusal (the caller shows one message).
 * The attempt was claimed before (app/api/auth: claimSignIn); a right password gives it back.
 */
export async function authorizeStaff(raw: unknown, address: string) {
  const parsed = credentialsSchema.safeParse(raw);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const user = await db().user.findUnique({ where: { email } });
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user || user.disabledAt) return null;
  await settleSignIn(address, email);
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
        authorize: (credentials, req) => authorizeStaff(credentials, clientAddressFrom(req?.headers)),
      }),
    ],
    callbacks: {
      // The URL a sign-in answers with: on the portal, whatever callbackUrl asked for.
      redirect: ({ url, baseUrl }) => new URL(safeCallbackPath(url, baseUrl), baseUrl).href,
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
