import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { db } from "@/lib/db";
import { DomainError, parse } from "@/lib/errors";
import { newUserSchema, type NewUser } from "./schemas";

export type UserSummary = Awaited<ReturnType<typeof listUsers>>[number];

export async function createUser(input: NewUser) {
  const data = parse(newUserSchema, input);
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

/** user:set-password: by email, for an admin at the server's terminal (a lost first-run password). */
export async function setPasswordByEmail(email: string, password: string) {
  const user = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (!user) throw new DomainError(`No user has the email ${email}.`, { email: ["no such user"] });
  await resetPassword(user.id, password);
  return { email, passwordChanged: true };
}

/** A staff member changes their own password: the current one first, as proof it is them. */
export async function changeOwnPassword(userId: string, currentPassword: string, newPassword: string) {
  const user = await db().user.findUnique({ where: { id: userId }, select: { passwordHash: true } });
  if (!user || !(await verifyPassword(currentPassword, user.passwordHash))) {
    throw new DomainError("The current password is not right.", { currentPassword: ["is not right"] });
  }
  await resetPassword(userId, newPassword);
}

export function countUsers() {
  return db().user.count();
}
