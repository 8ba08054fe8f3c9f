import { z } from "zod";

/** A CLI command: its flags are parsed by a zod schema, its result printed as JSON. */
export type Command<S extends z.ZodType = z.ZodType> = {
  name: string;
  summary: string;
  usage: string;
  flags: S;
  positional?: string; // name of the flag that takes the first bare argument, e.g. FILE
  run(flags: z.infer<S>): Promise<unknown>;
};

export function command<S extends z.ZodType>(c: Command<S>): Command<S> {
  return c;
}

export class UsageError extends Error {}

/**
 * `--key value`, `--key=value`, bare `--switch` (true) and `--no-switch` (false, for a switch
 * that is on by default); the first bare word goes to `positional`.
 */
export function parseArgs(argv: string[], positional?: string): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith("--")) {
      if (!positional || positional in out) throw new UsageError(`unexpected argument "${arg}"`);
      out[positional] = arg;
      continue;
    }
    const eq = arg.indexOf("=");
    const key = toCamel(arg.slice(2, eq === -1 ? undefined : eq));
    if (!key) throw new UsageError(`malformed flag "${arg}"`);
    if (eq !== -1) out[key] = arg.slice(eq + 1);
    else if (/^no[A-Z]/.test(key)) out[key[2]!.toLowerCase() + key.slice(3)] = false;
    else if (argv[i + 1] !== undefined && !argv[i + 1]!.startsWith("--")) out[key] = argv[++i]!;
    else out[key] = true;
  }
  return out;
}

const toCamel = (flag: string) => flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
