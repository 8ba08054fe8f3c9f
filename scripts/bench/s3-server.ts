import { startS3Server } from "../../tests/support/s3-server";

// The S3-protocol server of `npm run bench -- upload --storage s3`, in a process of its own
// so that it does not share the load driver's CPU. Prints its endpoint and folder as JSON.
async function main() {
  const server = await startS3Server();
  console.log(JSON.stringify({ endpoint: server.endpoint, directory: server.directory }));
  const keepAlive = setInterval(() => undefined, 1 << 30); // the server itself holds no process open
  process.on("SIGTERM", () => {
    clearInterval(keepAlive);
    void server.close().then(() => process.exit(0));
  });
}
void main();
