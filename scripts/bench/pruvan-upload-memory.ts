// Peak memory of the production server while Pruvan uploads large files:
//   npx tsx scripts/bench/pruvan-upload-memory.ts [--mb 200] [--parallel 1]
// Starts our server (a prior `next build`), connects an integration, streams N uploads of
// the given size through POST /api/pruvan/uploadPictures (the client never holds a file
// in memory either) and prints the server's peak RSS (VmHWM) before and after.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { performance } from "node:perf_hooks";
import { runCli } from "../../tests/support/server";
import { numberFlag, peakRssMb, printTable, startPortal } from "./harness";

const MB = numberFlag("mb", 200);
const PARALLEL = numberFlag("parallel", 1);
const CHUNK = Buffer.alloc(1024 * 1024, 0x41);

/** One multipart upload of `mb` MiB written chunk by chunk with backpressure. */
function upload(url: string, payload: object, mb: number): Promise<{ status: number; body: string }> {
  const boundary = `----bench${randomUUID()}`;
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="payload"\r\n\r\n${JSON.stringify(payload)}\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.pdf"\r\nContent-Type: application/pdf\r\n\r\n%PDF-`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const length = head.length + mb * CHUNK.length + tail.length;
  return new Promise((resolve, reject) => {
    const req = request(url, { method: "POST", headers: { "content-type": `multipart/form-data; boundary=${boundary}`, "content-length": length } }, (res) => {
      let body = "";
      res.on("data", (d: Buffer) => (body += d.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    let sent = 0;
    const write = () => {
      if (sent === 0) req.write(head);
      while (sent < mb) {
        sent++;
        if (!req.write(CHUNK)) return void req.once("drain", write);
      }
      req.end(tail);
    };
    write();
  });
}

async function main() {
  const server = await startPortal(undefined, { UPLOAD_MAX_BYTES: String((MB + 16) * 1024 * 1024) });
  try {
    const created = runCli(["integration:create", "--username", "bench", "--mode", "internal"], server.env);
    const { token } = created.json() as { token: string };
    const idle = peakRssMb(server.pid);
    const started = performance.now();
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, () =>
        upload(`${server.url}/api/pruvan/uploadPictures.html`, { username: "bench", token, uuId: randomUUID(), fileType: "file", key2: "NONE" }, MB),
      ),
    );
    const seconds = (performance.now() - started) / 1000;
    printTable(`uploadPictures: ${PARALLEL} x ${MB} MB through the production server`, [
      {
        uploads: PARALLEL,
        "MB each": MB,
        answers: [...new Set(answers.map((a) => `${a.status} ${a.body}`))].join(" | "),
        seconds: seconds.toFixed(1),
        "MB/s": ((PARALLEL * MB) / seconds).toFixed(0),
        "peak RSS idle (MB)": idle,
        "peak RSS after (MB)": peakRssMb(server.pid),
      },
    ]);
  } finally {
    await server.stop();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
