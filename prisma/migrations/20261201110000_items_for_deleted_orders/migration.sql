-- An item Pruvan relays for an order deleted here waits in the uploads inbox, marked as
-- such (lib/work-items/ingest.ts; remote-fields-and-statuses: "Remote systems must
-- discard unwanted queued data received").
ALTER TABLE "WorkItem" ADD COLUMN "inboxReason" TEXT;
