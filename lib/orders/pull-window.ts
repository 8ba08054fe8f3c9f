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
};

/**
 * The answers whose pending copies our last answer (at `lost`), unread, carries: its own and,
 * when it carried the copies of unread answers before it again unchanged, theirs (a copy
 * keeps the time of the answer that wrote it: rewriting 5000 rows' time on every full refresh
 * cost as much as the rest of the pull). Answers of one integration follow one another, so
 * the copies answered from `from` to `at` are exactly those.
 */
export function unreadAnswers(state: PullState, lost: Date): { from: Date; at: Date } {
  return { from: state.pullCarriedFrom ?? lost, at: lost };
}

/** The owed changes an incremental pull must add to what Pruvan asked for, if any. */
export type OwedScope = { from: Date; confirmedAt: Date | null };

/**
 * What an incremental pull asked `since` learns from it, and what it must answer besides;
 * `lost`: our last answer, when the timestamp shows Pruvan never read it.
 */
export function incrementalWindow(since: Date, state: PullState): { state: PullState; owed: OwedScope | null; lost: Date | null } {
  const read = state.lastPullAt && since > (state.pullBeforeLastAt ?? new Date(0));
  const confirmedAt = read ? state.lastPullAt : state.pullConfirmedAt;
  const paid = state.pullOwedPaidBy && confirmedAt && confirmedAt >= state.pullOwedPaidBy;
  const next = { ...state, pullConfirmedAt: confirmedAt, ...(paid ? { pullOwedFrom: null, pullOwedPaidBy: null } : {}) };
  return { state: next, owed: next.pullOwedFrom ? { from: next.pullOwedFrom, confirmedAt } : null, lost: read ? null : state.lastPullAt };
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
 * everything asked for and owed; `carriedFrom`: the first of the unread answers whose copies
 * it carried again (unreadAnswers), or null.
 */
export function afterPull(
  state: PullState,
  pull: { since: Date | null; complete: boolean; now: Date; carriedFrom: Date | null },
): PullState {
  const moved = { ...state, pullBeforeLastAt: state.lastPullAt, lastPullAt: pull.now, pullCarriedFrom: pull.carriedFrom };
  if (!pull.complete) {
    const from = pull.since ?? new Date(0);
    return { ...moved, pullOwedFrom: moved.pullOwedFrom && moved.pullOwedFrom < from ? moved.pullOwedFrom : from, pullOwedPaidBy: null };
  }
  return moved.pullOwedFrom ? { ...moved, pullOwedPaidBy: pull.now } : moved;
}
