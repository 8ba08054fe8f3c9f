export { db, type Db, type Tx } from "./client";
export { Prisma } from "./generated/client";
export type * from "./generated/models";
export * from "./generated/enums";
