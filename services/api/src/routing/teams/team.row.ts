import { text, textArray, timestamp } from '../../database/columns';
import { type Row } from '../../database/sql';

export interface Team {
  id: string;
  tenantId: string;
  name: string;
  /** Oldest membership first. */
  memberIds: string[];
  createdAt: Date;
}

/** A team row with its members aggregated as `member_ids`. */
export function decodeTeam(row: Row): Team {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    name: text(row, 'name'),
    memberIds: textArray(row, 'member_ids'),
    createdAt: timestamp(row, 'created_at'),
  };
}
