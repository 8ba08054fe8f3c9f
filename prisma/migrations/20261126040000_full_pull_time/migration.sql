-- A full refresh that sent every current order is recorded once on the integration
-- (lib/orders/pruvan-pull.ts) instead of on each order row.
ALTER TABLE "Integration" ADD COLUMN "lastFullPullAt" DATETIME;
