import { type Candidate, type QueueStrategy } from './routing.row';

/** Under capacity (null: no limit) and, when the conversation waits for a team, in it. */
export function available(candidates: readonly Candidate[], teamId: string | null): Candidate[] {
  return candidates.filter(
    (c) => (c.capacity === null || c.open < c.capacity) && (teamId === null || c.teamIds.includes(teamId)),
  );
}

const byTurn = (a: Candidate, b: Candidate): number =>
  (a.turn ?? -1) - (b.turn ?? -1) || a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1);

/**
 * Round robin: whoever was given a conversation longest ago (never: first; then the oldest member). Least busy: the
 * fewest open conversations, ties in round-robin order. Answers null for an empty pool.
 */
export function choose(strategy: QueueStrategy, pool: readonly Candidate[]): Candidate | null {
  const order = strategy === 'least_busy' ? (a: Candidate, b: Candidate) => a.open - b.open || byTurn(a, b) : byTurn;
  return [...pool].sort(order)[0] ?? null;
}
