import { ConfigError } from "@/lib/config";
import { migrateDatabase } from "@/lib/db/migrate";
import { DomainError, describeZodError } from "@/lib/errors";
import { parseArgs, UsageError, type Command } from "./command";
import { demoCommands } from "./commands/demo";
import { integrationCommands } from "./commands/integrations";
import { orderCommands } from "./commands/orders";
import { pushCommands } from "./commands/push";
import { reportCommands } from "./commands/reports";
import { statusMappingCommands } from "./commands/status-mapping";
import { userCommands } from "./commands/users";
import { videoCommands } from "./commands/videos";

// `npm run cli -- <command> [flags]`: JSON on stdout; on bad input a message on stderr and exit 2.
const commands: Command[] = [
  ...userCommands,
  ...integrationCommands,
  ...demoCommands,
  ...orderCommands,
  ...reportCommands,
  ...statusMappingCommands,
  ...pushCommands,
  ...videoCommands,
];

function help(): string {
  return ["Usage: npm run cli -- <command> [flags]", "", ...commands.map((c) => `  ${c.usage.padEnd(64)} ${c.summary}`)].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(help());
    return name ? 0 : 2;
  }
  const cmd = commands.find((c) => c.name === name);
  if (!cmd) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    const parsed = cmd.flags.safeParse(parseArgs(rest, cmd.positional));
    if (!parsed.success) {
      console.error(`${cmd.name}: invalid flags\n${describeZodError(parsed.error).message}\nUsage: ${cmd.usage}`);
      return 2;
    }
    await migrateDatabase(); // a no-op when current; lets the CLI run before the server ever has
    const result = await cmd.run(parsed.data);
    console.log(JSON.stringify(result, null, 2));
    return 0;
  } catch (err) {
    if (err instanceof UsageError) console.error(`${cmd.name}: ${err.message}\nUsage: ${cmd.usage}`);
    else if (err instanceof DomainError || err instanceof ConfigError) console.error(`${cmd.name}: ${err.message}`);
    else {
      console.error(`${cmd.name} failed: ${(err as Error).message}`);
      return 1;
    }
    return 2;
  }
}

main(process.argv.slice(2)).then((code) => process.exit(code));
