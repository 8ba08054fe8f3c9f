import type { ChildProcess } from "node:child_process";

// The test runner ends a whole file that outlives --test-timeout with SIGTERM, whose default
// action skips every "exit" handler: the file's servers and PostgreSQL clusters would live
// on. Exiting on the signal runs those handlers, and they kill what the file started.
const children = new Set<ChildProcess>();
process.once("SIGTERM", () => process.exit(143));
process.once("SIGINT", () => process.exit(130));
process.on("exit", () => {
  for (const child of children) child.kill("SIGKILL");
});

/** Kills `child` when this test process exits, however it ends (short of SIGKILL). */
export function killOnExit<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once("exit", () => children.delete(child));
  return child;
}
