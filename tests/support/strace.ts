import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

// The system calls a running server makes, seen by strace (Debian's strace, installed by
// scripts/ensure-debian-packages.sh): to check the order in which it reaches the disk
// and answers, which no test of its HTTP answers alone can see.

export type Syscall = {
  name: string;
  /** The call as strace printed it (arguments with their paths, -yy), resumed parts joined. */
  text: string;
  /** Position in the trace where the call started and where it returned. */
  start: number;
  end: number;
};

export type Trace = { stop: () => Promise<Syscall[]> };

/** Attaches to every thread of `pid` (and threads started later) and records these calls. */
export async function traceSyscalls(pid: number, syscalls: string[]): Promise<Trace> {
  const dir = mkdtempSync(path.join(tmpdir(), "strace-"));
  const out = path.join(dir, "trace.txt");
  const tracer = spawn("strace", ["-f", "-yy", "-s", "120", "-e", `trace=${syscalls.join(",")}`, "-o", out, "-p", String(pid)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let log = "";
  tracer.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  const exited = new Promise<void>((resolve) => tracer.once("exit", () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const check = () => {
      if (/attached/.test(log)) return resolve();
      if (tracer.exitCode !== null) return reject(new Error(`strace could not attach: ${log}`));
      setTimeout(check, 20);
    };
    check();
  });
  return {
    stop: async () => {
      tracer.kill("SIGINT"); // detaches; the server runs on
      await exited;
      const lines = readFileSync(out, "utf8").split("\n");
      rmSync(dir, { recursive: true, force: true });
      return parseTrace(lines);
    },
  };
}

/**
 * strace -f prints a call that blocks in one thread as "<unfinished ...>" and later
 * "<... name resumed>": both halves become one Syscall spanning the two lines.
 */
function parseTrace(lines: string[]): Syscall[] {
  const calls: Syscall[] = [];
  const open = new Map<string, Syscall>(); // pid + name -> unfinished call
  lines.forEach((line, index) => {
    const resumed = /^(\d+) <\.\.\. (\w+) resumed>(.*)$/.exec(line);
    if (resumed) {
      const call = open.get(`${resumed[1]} ${resumed[2]}`);
      if (!call) return;
      open.delete(`${resumed[1]} ${resumed[2]}`);
      call.text += resumed[3];
      call.end = index;
      return;
    }
    const started = /^(\d+) (\w+)\((.*)$/.exec(line);
    if (!started) return;
    const call: Syscall = { name: started[2]!, text: `${started[2]}(${started[3]}`, start: index, end: index };
    calls.push(call);
    if (line.endsWith("<unfinished ...>")) open.set(`${started[1]} ${started[2]}`, call);
  });
  return calls;
}
