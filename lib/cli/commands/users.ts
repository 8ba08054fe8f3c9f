import { z } from "zod";
import { createUser, listUsers } from "@/lib/users";
import { newUserSchema } from "@/lib/users/schemas";
import { command } from "../command";

export const userCommands = [
  command({
    name: "user:create",
    summary: "Add a staff member who can sign in",
    usage: "user:create --email E --password P --role admin|staff [--name N]",
    flags: newUserSchema.extend({ role: z.enum(["admin", "staff"], { error: "must be admin or staff" }) }).strict(),
    run: (flags) => createUser(flags),
  }),
  command({
    name: "user:list",
    summary: "List staff accounts",
    usage: "user:list",
    flags: z.object({}).strict(),
    run: async () =>
      (await listUsers()).map((u) => ({ email: u.email, role: u.role, disabled: u.disabledAt !== null })),
  }),
];
