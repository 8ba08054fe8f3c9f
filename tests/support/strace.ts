import { spawn } from "node:child_process";

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

export type Trace = {
  /** Resolves once a traced line matches (e.g. a call the test just caused: the trace is live). */
  seen: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  /** Detaches (the server runs on) and returns the calls traced. */
  stop: () => Promise<Syscall[]>;
  /** strace's own messages and the trace so far, for failure messages. */
  log: () => string;
};

/** Attaches to every thread of `pid` (and threads started later) and records these calls. */
export async function traceSyscalls(pid: number, syscalls: string[]): Promise<Trace> {
  // The trace goes to stderr, read as it comes, so a test can wait until it is live.
  const tracer = spawn("strace", ["-f", "-yy", "-s", "120", "-e", `trace=${syscalls.join(",")}`, "-p", String(pid)], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  let text = "";
  tracer.stderr!.on("data", (d: Buffer) => (text += d.toString()));
  const exited = new Promise<void>((resolve) => tracer.once("exit", () => resolve()));
  const seen = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<void>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        if (pattern.test(text)) return resolve();
        if (tracer.exitCode !== null || Date.now() > deadline)
          return reject(new Error(`strace: ${pattern} not seen:\n${text.slice(-3000)}`));
        setTimeout(check, 20);
      };
      check();
    });
  await seen(/attached/);
  return {
    seen,
    log: () => text,
    stop: async () => {
      tracer.kill("SIGINT"); // detaches; the server runs on
      await exited;
      return parseTrace(text.split("\n"));
    },
  };
}

/**
 * Lines are "[pid N] call(...)" once several threads are traced (plain "call(...)" before),
 * and a call that blocks in one thread is split into "<unfinished ...>" and later
 * "<... call resumed>": both halves become one Syscall spanning the two lines.
 */
function parseTrace(lines: string[]): Syscall[] {
  const calls: Syscall[] = [];
  const open = new Map<string, Syscall>(); // pid + name -> unfinished call
  lines.forEach((line, index) => {
    const pidMatch = /^\[pid\s+(\d+)\] /.exec(line);
    const pid = pidMatch?.[1] ?? "main";
    const rest = pidMatch ? line.slice(pidMatch[0].length) : line;
    const resumed = /^<\.\.\. (\w+) resumed>(.*)$/.exec(rest);
    if (resumed) {
      const call = open.get(`${pid} ${resumed[1]}`);
      if (!call) return;
      open.delete(`${pid} ${resumed[1]}`);
      call.text += resumed[2];
      call.end = index;
      return;
    }
    const started = /^(\w+)\((.*)$/.exec(rest);
    if (!started) return;
    const call: Syscall = { name: started[1]!, text: `${started[1]}(${started[2]}`, start: index, end: index };
    calls.push(call);
    if (rest.endsWith("<unfinished ...>")) open.set(`${pid} ${started[1]}`, call);
  });
  return calls;
}
