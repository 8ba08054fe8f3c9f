import { spawn } from "node:child_process";
import { startPostgresCluster } from "../tests/support/postgres";

// `tsx scripts/with-postgres.ts COMMAND [ARGS...]`: runs the command with a throwaway
// PostgreSQL cluster (tests/support/postgres.ts) and TEST_POSTGRES_URL pointing at it (its
// maintenance database: tests create a database per server), then stops and removes the
// cluster. The command's exit code is ours.
async function main(argv: string[]): Promise<number> {
  if (argv.length === 0) {
    console.error("usage: tsx scripts/with-postgres.ts COMMAND [ARGS...]");
    return 2;
  }
  const cluster = await startPostgresCluster();
  try {
    const child = spawn(argv[0]!, argv.slice(1), { stdio: "inherit", env: { ...process.env, TEST_POSTGRES_URL: cluster.url } });
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    process.on("SIGINT", forward).on("SIGTERM", forward);
    return await new Promise<number>((resolve) => child.on("exit", (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    cluster.stop();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(err.message);
    process.exit(1);
  },
);
