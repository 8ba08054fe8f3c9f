import { z } from "zod";
import { createUser, listUsers, setPasswordByEmail } from "@/lib/users";
import { emailSchema, newUserSchema } from "@/lib/users/schemas";
import { command } from "../command";
import { readNewPassword } from "../password-input";

// Never a --password flag: it would stay in shell history and show in `ps` (lib/cli/password-input).
const noPasswordFlag = {
  password: z
    .never({ error: "is not taken as a flag (it would stay in shell history): type it at the prompt, or pipe it on stdin" })
    .optional(),
};

export const userCommands = [
  command({
    name: "user:create",
    summary: "Add a staff member who can sign in (the password: typed at a prompt, or the first line of stdin)",
    usage: "user:create --email E --role admin|staff [--name N]   (password from the prompt or stdin)",
    flags: newUserSchema
      .omit({ password: true })
      .extend({ role: z.enum(["admin", "staff"], { error: "must be admin or staff" }), ...noPasswordFlag })
      .strict(),
    run: async ({ email, role, name }) => createUser({ email, role, name, password: await readNewPassword() }),
  }),
  command({
    name: "user:set-password",
    summary: "Set a user's password (typed at a prompt, or the first line of stdin); their open sessions end",
    usage: "user:set-password --email E   (password from the prompt or stdin)",
    flags: z.object({ email: emailSchema, ...noPasswordFlag }).strict(),
    run: async ({ email }) => setPasswordByEmail(email, await readNewPassword()),
  }),
  command({
    name: "user:list",
    summary: "List staff accounts",
    usage: "user:list",
    flags: z.object({}).strict(),
    run: async () => (await listUsers()).map((u) => ({ email: u.email, role: u.role, disabled: u.disabledAt !== null })),
  }),
];
