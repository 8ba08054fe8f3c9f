import { getServerSession } from "next-auth";
import { forbidden, redirect } from "next/navigation";
import { db } from "@/lib/db";
import type { Role } from "@/lib/db";
import { authOptions } from "./options";

export type CurrentUser = { id: string; email: string; name: string | null; role: Role };

/**
 * The signed-in staff member, read fresh from the database on every request so that
 * disabling an account or resetting its password takes effect at once.
 */
export async function currentUser(): Promise<CurrentUser | null> {
  const session = await getServerSession(authOptions());
  const claims = session?.user as { id?: string; pwdAt?: number } | undefined;
  const id = claims?.id;
  if (!id) return null;
  const user = await db().user.findUnique({
    where: { id },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, passwordChangedAt: true },
  });
  if (!user || user.disabledAt) return null;
  // A password reset ends the sessions that were opened with the old password.
  if ((claims.pwdAt ?? 0) < user.passwordChangedAt.getTime()) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export async function requireUser(): Promise<CurrentUser> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}

/** Admin-only pages and actions: checked on the server, 403 for staff. */
export async function requireAdmin(): Promise<CurrentUser> {
  const user = await requireUser();
  if (user.role !== "admin") forbidden();
  return user;
}
