-- Seed: Pruvan's suggested client status messages (remote-fields-and-statuses.txt), once for
-- every install, as 20261126020000_push_delivery does on SQLite (its PostgreSQL twin missed
-- it). Rows an admin already made (same clientStatus) are kept as they are. Times in UTC, as
-- Prisma stores TIMESTAMP(3).
INSERT INTO "StatusMapping" ("id", "clientStatus", "pruvanStatus", "note", "createdAt", "updatedAt") VALUES
    ('suggested-order-created', 'Order Created', NULL, 'Pruvan''s suggested message', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'),
    ('suggested-rush-order', 'Rush Order', 'rush', 'Pruvan''s suggested message', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'),
    ('suggested-rework-required', 'Rework Required', 'rework', 'Pruvan''s suggested message', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'),
    ('suggested-order-canceled', 'Order Canceled', 'canceled', 'Pruvan''s suggested message', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC'),
    ('suggested-order-closed', 'Order Closed', 'closed', 'Pruvan''s suggested message', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC')
ON CONFLICT ("clientStatus") DO NOTHING;
