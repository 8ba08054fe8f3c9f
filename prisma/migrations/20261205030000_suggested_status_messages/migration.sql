-- Nothing to do on SQLite: 20261126020000_push_delivery seeded Pruvan's suggested client
-- status messages already. Its PostgreSQL twin did not (found 2026-12-02: a fresh PostgreSQL
-- install had no mapping for "Rush Order"); this migration adds them there.
SELECT 1;
