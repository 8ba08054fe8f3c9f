import { hashPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { DomainError } from "@/lib/errors";
import { newUserSchema, type NewUser } from "./schemas";

export type UserSummary = Awaited<ReturnType<typeof listUsers>>[number];

export async function createUser(input: NewUser) {
  const data = newUserSchema.parse(input);
  const existing = await db().user.findUnique({ where: { email: data.email }, select: { id: true } });
  if (existing) throw new DomainError("A user with this email already exists.", { email: ["is already taken"] });
  const user = await db().user.create({
    data: { email: data.email, name: data.name, role: data.role, passwordHash: await hashPassword(data.password) },
  });
  return { id: user.id, email: user.email, role: user.role };
}

export function listUsers() {
  return db().user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, createdAt: true },
  });
}

export async function setUserDisabled(userId: string, disabled: boolean, actingUserId: string) {
  if (userId === actingUserId && disabled) throw new DomainError("You cannot disable your own account.");
  await db().user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
}

/** New password; sessions opened with the old one end (see lib/auth/session). */
export async function resetPassword(userId: string, password: string) {
  await db().user.update({
    where: { id: userId },
    data: { passwordHash: await hashPassword(password), passwordChangedAt: new Date() },
  });
}

export function countUsers() {
  return db().user.count();
}
