import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";

// better-sqlite3 gives the process ONE connection. Prisma's adapter queues transactions
// behind each other, but a statement outside a transaction runs on that connection at
// once: inside whatever transaction is open, and undone if that transaction rolls back
// (an upload's row could vanish because an unrelated order edit was refused). This gate
// makes every statement outside a transaction wait until no transaction is open, and a
// transaction wait for the statements before it. FIFO, so nothing starves.
//
// Consequence: code inside `db().$transaction(async (tx) => ...)` must use `tx`, never
// `db()`: a `db()` call there waits for its own transaction (which then times out).

class FifoLock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const before = this.tail;
    this.tail = before.then(() => held);
    return before.then(() => once(release));
  }
}

function once(fn: () => void): () => void {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    fn();
  };
}

function gated(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new FifoLock();
  const exclusive = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    queryRaw: (query: SqlQuery) => exclusive(() => adapter.queryRaw(query)),
    executeRaw: (query: SqlQuery) => exclusive(() => adapter.executeRaw(query)),
    executeScript: (script: string) => exclusive(() => adapter.executeScript(script)),
    getConnectionInfo: adapter.getConnectionInfo?.bind(adapter),
    dispose: () => adapter.dispose(),
    async startTransaction(isolationLevel) {
      const release = await lock.acquire();
      let tx: Transaction;
      try {
        tx = await adapter.startTransaction(isolationLevel);
      } catch (err) {
        release();
        throw err;
      }
      // The transaction holds the lock until it ends, whichever way.
      const end = (finish: () => Promise<void>) => finish().finally(release);
      return {
        provider: tx.provider,
        adapterName: tx.adapterName,
        options: tx.options,
        queryRaw: (query: SqlQuery) => tx.queryRaw(query),
        executeRaw: (query: SqlQuery) => tx.executeRaw(query),
        commit: () => end(() => tx.commit()),
        rollback: () => end(() => tx.rollback()),
      };
    },
  };
}

/** Wraps a driver adapter factory so that its connections are gated (see above). */
export function withOneConnectionGate(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => gated(await factory.connect()),
    connectToShadowDb: async () => gated(await factory.connectToShadowDb()),
  };
}
