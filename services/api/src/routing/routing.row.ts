import { ASSIGN_STRATEGIES, CONVERSATION_STATUSES, type ConversationStatus } from '@aerostic/shared';
import { int, intOrNull, oneOf, text, textArray, textOrNull, timestamp } from '../database/columns';
import { type Row } from '../database/sql';

export type QueueStrategy = 'round_robin' | 'least_busy';

/** A conversation waiting in a tenant's routing queue, with its state now. */
export interface Wait {
  conversationId: string;
  strategy: QueueStrategy;
  teamId: string | null;
  reason: string;
  assigneeId: string | null;
  status: ConversationStatus;
}

/** A member who may be given conversations now (active, chose online, a dashboard connected). */
export interface Candidate {
  id: string;
  capacity: number | null;
  /** Their open conversations. */
  open: number;
  /** Their place in the round-robin order: the turn they were last given one at; null: never. */
  turn: number | null;
  teamIds: string[];
  createdAt: Date;
}

export function decodeWait(row: Row): Wait {
  const strategy = oneOf(row, 'strategy', ASSIGN_STRATEGIES);
  return {
    conversationId: text(row, 'conversation_id'),
    strategy: strategy === 'least_busy' ? 'least_busy' : 'round_robin',
    teamId: textOrNull(row, 'team_id'),
    reason: text(row, 'reason'),
    assigneeId: textOrNull(row, 'assignee_id'),
    status: oneOf(row, 'status', CONVERSATION_STATUSES),
  };
}

export function decodeCandidate(row: Row): Candidate {
  return {
    id: text(row, 'id'),
    capacity: intOrNull(row, 'capacity'),
    open: int(row, 'open'),
    turn: intOrNull(row, 'turn'),
    teamIds: textArray(row, 'team_ids'),
    createdAt: timestamp(row, 'created_at'),
  };
}
