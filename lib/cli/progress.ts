import type { JobProgress } from "@/lib/jobs/run";

// A job's progress drawn on one line of the terminal (stderr), only when stdout is a
// terminal: piped or redirected, the command prints its JSON and nothing else.

export type TerminalProgress = { watch: (progress: JobProgress) => void; end: () => void };

export function terminalProgress(label: string, noun: string, out: NodeJS.WriteStream = process.stderr): TerminalProgress | undefined {
  if (!process.stdout.isTTY) return undefined;
  let drawn = false;
  return {
    watch: ({ done, total }) => {
      const of = total ? ` of ${total.toLocaleString("en-US")} ${noun} (${Math.round((done / total) * 100)}%)` : ` ${noun}`;
      out.write(`\r\x1b[2K${label}: ${done.toLocaleString("en-US")}${of}`);
      drawn = true;
    },
    end: () => {
      if (drawn) out.write("\n");
    },
  };
}
