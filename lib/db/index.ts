export { db, type Db, type Tx } from "./client";
export { Prisma } from "./generated/client";
export type * from "./generated/client";
export * from "./generated/enums";
export { retryOnConflict } from "./conflict";
