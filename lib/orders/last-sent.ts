/**
 * When Pruvan last received the order: its own lastSentAt (an incremental pull, a pull
 * over the cap, a push) or its integration's last full refresh if the order was current
 * then, whichever is later. The pull's send order (lib/db/sql/pruvan-pull) follows the same rule.
 */
export function lastSentToPruvan(
  order: { lastSentAt: Date | null; createdAt: Date; deletedAt: Date | null },
  lastFullPullAt: Date | null,
): Date | null {
  const full = lastFullPullAt;
  const inFull = full && order.createdAt <= full && (!order.deletedAt || order.deletedAt > full) ? full : null;
  if (!inFull) return order.lastSentAt;
  return order.lastSentAt && order.lastSentAt > inFull ? order.lastSentAt : inFull;
}
