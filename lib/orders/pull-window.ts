// Which changes an incremental getWorkOrders must answer with, so that an answer over the
// per-answer limit loses nothing (issue 11, problem 4). Pruvan's next incremental asks only
// for "orders that have been changed or created since that time" (pruvan-api-v2
// "getWorkOrders Modes"), its own last import: the orders a capped answer left out changed
// before that and would never be asked for again.
//
// So the integration remembers where the owed changes start (pullOwedFrom), and every
// incremental pull also answers the orders changed since then that no answer Pruvan is known
// to have read carried (lib/db/sql/pruvan-pull, least recently sent first, so they lead).
// Which answers Pruvan read shows in its timestamps: pulls of one integration follow one
// another, and a timestamp later than the pull before our last one can only be the start of
// an import that read our last answer (pullConfirmedAt). A lost answer leaves the timestamp
// where it was, so nothing it carried counts as read. The debt is paid once Pruvan read a
// complete answer (pullOwedPaidBy) given while it was owed. The timestamp is in whole
// seconds: one in the second the pull before our last one arrived in is taken as not read,
// the direction that loses nothing of ours (what that answer carried goes again, shared
// fields too, so an account user's edit since may be overwritten; docs/sync.md "Limits").

export type PullState = {
  lastPullAt: Date | null;
  pullBeforeLastAt: Date | null;
  pullConfirmedAt: Date | null;
  pullOwedFrom: Date | null;
  pullOwedPaidBy: Date | null;
  pullCarriedFrom: Date | null;
  pullCarriedAfter: Date | null;
};

/**
 * The answers whose pending copies our last answer (at `lost`), unread, carries: its own and,
 * when it carried the copies of unread answers before it again unchanged, theirs (a copy
 * keeps the time of the answer that wrote it: rewriting 5000 rows' time on every full refresh
 * cost as much as the rest of the pull). Answers of one integration follow one another, so
 * the copies answered from `from` to `at` are exactly those; `after`: when the pull before
 * the first of them arrived (null: none did).
 */
export function unreadAnswers(state: PullState, lost: Date): { from: Date; at: Date; after: Date | null } {
  if (state.pullCarriedFrom) return { from: state.pullCarriedFrom, at: lost, after: state.pullCarriedAfter };
  return { from: lost, at: lost, after: state.pullBeforeLastAt };
}

/** The owed changes an incremental pull must add to what Pruvan asked for, if any. */
export type OwedScope = { from: Date; confirmedAt: Date | null };

/**
 * What an incremental pull asked `since` learns from it, and what it must answer besides;
 * `lost`: our last answer, when the timestamp shows Pruvan never read it. `openedAt`: when
 * the integration was created (no import before it read an answer of ours).
 */
export function incrementalWindow(
  since: Date,
  state: PullState,
  openedAt: Date,
): { state: PullState; owed: OwedScope | null; lost: Date | null } {
  const read = state.lastPullAt && since > (state.pullBeforeLastAt ?? new Date(0));
  const confirmedAt = read ? state.lastPullAt : state.pullConfirmedAt;
  const paid = state.pullOwedPaidBy && confirmedAt && confirmedAt >= state.pullOwedPaidBy;
  const next = { ...state, pullConfirmedAt: confirmedAt, ...(paid ? { pullOwedFrom: null, pullOwedPaidBy: null } : {}) };
  const owed = next.pullOwedFrom ? { from: next.pullOwedFrom, confirmedAt } : null;
  if (read) return { state: next, owed, lost: null };
  return { state: withCarriedRead(since, next, openedAt), owed, lost: state.lastPullAt };
}

/**
 * Our last answer unread, but it carried the copies of unread answers before it again: a
 * timestamp later than the pull before the first of those (pullCarriedAfter) is the start of
 * an import that read one of them, the first one answered at or after that start, and each
 * of them carried every copy answered before it. So the copies answered up to the first one,
 * or before the timestamp, are what Pruvan holds (not rolled back: a Full Refresh read, the
 * next one lost, then an incremental); only the later ones count as carried by the lost answer.
 */
function withCarriedRead(since: Date, state: PullState, openedAt: Date): PullState {
  const from = state.pullCarriedFrom;
  if (!from || since <= (state.pullCarriedAfter ?? openedAt)) return state;
  const heldUpTo = since <= from ? from : new Date(since.getTime() - 1);
  return { ...state, pullCarriedFrom: new Date(heldUpTo.getTime() + 1), pullCarriedAfter: heldUpTo };
}

/**
 * A full refresh right after another pull, full or incremental, whose answer is not known
 * read: nothing tells whether Pruvan read it (only a later incremental's timestamp would; a
 * full refresh asks with none), and a full refresh leaves out the shared fields Pruvan is
 * taken to hold, so what only that answer carried would never reach Pruvan had it been lost
 * (an order it created would be created again without its status, due date, instructions).
 * So that answer counts as lost and the full refresh carries it again; the cost, when it was
 * read, is that shared fields it changed are sent once more. Returns when it was answered,
 * or null when it is known read.
 */
export function unreadBeforeFullRefresh(state: PullState): Date | null {
  const last = state.lastPullAt;
  if (!last) return null;
  return state.pullConfirmedAt && state.pullConfirmedAt >= last ? null : last;
}

/**
 * The integration's pull bookkeeping after an answer at `now`: `since` is null for a full
 * refresh (never capped: lib/orders/pruvan-pull refuses those); `complete`: the answer held
 * everything asked for and owed; `carried`: the unread answers whose copies it carried again
 * (unreadAnswers), or null.
 */
export function afterPull(
  state: PullState,
  pull: { since: Date | null; complete: boolean; now: Date; carried: { from: Date; after: Date | null } | null },
): PullState {
  const moved = {
    ...state,
    pullBeforeLastAt: state.lastPullAt,
    lastPullAt: pull.now,
    pullCarriedFrom: pull.carried?.from ?? null,
    pullCarriedAfter: pull.carried?.after ?? null,
  };
  if (!pull.complete) {
    const from = pull.since ?? new Date(0);
    return { ...moved, pullOwedFrom: moved.pullOwedFrom && moved.pullOwedFrom < from ? moved.pullOwedFrom : from, pullOwedPaidBy: null };
  }
  return moved.pullOwedFrom ? { ...moved, pullOwedPaidBy: pull.now } : moved;
}
