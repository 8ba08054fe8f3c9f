import { passwordSchema } from "@/lib/auth/password";
import { DomainError } from "@/lib/errors";

// Passwords never travel as flags (a flag lands in shell history and in `ps`): a person at a
// terminal types it twice without echo; a script pipes it on stdin (the first line).

/** Reads, checks and answers the new password; a refusal is a DomainError naming the rule. */
export async function readNewPassword(): Promise<string> {
  const password = process.stdin.isTTY ? await promptTwice() : await firstLineOfStdin();
  const checked = passwordSchema.safeParse(password);
  if (!checked.success) throw new DomainError(`password: ${checked.error.issues[0]!.message}`);
  return checked.data;
}

async function firstLineOfStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) {
    chunks.push(chunk as Buffer);
    if ((chunk as Buffer).includes(10) || Buffer.concat(chunks).length > 4096) break;
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (!text)
    throw new DomainError("password: none given (type it at the prompt, or pipe it on stdin: printf '%s\\n' \"$PW\" | npm run cli -- ...)");
  return text.split(/\r?\n/)[0]!;
}

async function promptTwice(): Promise<string> {
  const first = await promptHidden("New password: ");
  const again = await promptHidden("Repeat it: ");
  if (first !== again) throw new DomainError("password: the two entries differ");
  return first;
}

/** One line from the terminal with echo off (raw mode), on stderr so stdout stays JSON. */
function promptHidden(question: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(question);
  stdin.setRawMode(true);
  stdin.resume();
  return new Promise((resolve, reject) => {
    let typed = "";
    const done = (finish: () => void) => {
      stdin.setRawMode(false);
      stdin.pause();
      stdin.off("data", onData);
      process.stderr.write("\n");
      finish();
    };
    const onData = (data: Buffer) => {
      for (const ch of data.toString("utf8")) {
        if (ch === "\r" || ch === "\n") return done(() => resolve(typed));
        if (ch === "\u0003") return done(() => reject(new DomainError("password: cancelled")));
        if (ch === "\u007f" || ch === "\b") typed = typed.slice(0, -1);
        else typed += ch;
      }
    };
    stdin.on("data", onData);
  });
}
