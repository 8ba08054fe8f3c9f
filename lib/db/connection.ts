// How every SQLite connection of the process is opened (Prisma's and the bulk reader's):
// the pragmas that suit a server, applied at open.
//
// - journal_mode=WAL (persistent, set by migrate): readers run beside the one writer.
// - synchronous=FULL: a commit reaches the disk (the WAL is fsynced) before it returns, so
//   what we answered as stored (an upload Pruvan will never resend, a staff edit) survives a
//   power cut, not only a crash of the process. NORMAL may undo the last commits on an OS
//   crash. ~0.3 ms per commit on this machine's disk.
// - cache_size 64 MB (default 2 MB... 16 MB): a 5000-order pull touches ~5000 scattered
//   pages of WorkOrder; they stay cached between pulls.
// - mmap_size 256 MB: pages are read from the OS page cache without a copy per page.
// - temp_store=MEMORY: sorts (the pull's send order) never spill to a temporary file.
export const SQLITE_PRAGMAS = ["synchronous = FULL", "cache_size = -65536", "mmap_size = 268435456", "temp_store = MEMORY"] as const;

export const pragmaScript = () => SQLITE_PRAGMAS.map((p) => `PRAGMA ${p};`).join("\n");
