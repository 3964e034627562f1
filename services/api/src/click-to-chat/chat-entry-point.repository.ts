import { Injectable } from '@nestjs/common';
import { ENTRY_POINT_KINDS, type EntryPointKind, type WidgetSettingsDto } from '@aerostic/shared';
import { jsonObjectOrNull, oneOf, text, timestamp } from '../database/columns';
import { type Row, Sql } from '../database/sql';

export interface ChatEntryPoint {
  id: string;
  tenantId: string;
  whatsappAccountId: string;
  name: string;
  kind: EntryPointKind;
  prefilledText: string;
  ref: string;
  widget: WidgetSettingsDto | null;
  createdAt: Date;
  updatedAt: Date;
}

export type NewChatEntryPoint = Omit<ChatEntryPoint, 'id' | 'createdAt' | 'updatedAt'>;
export type ChatEntryPointChanges = Partial<Pick<ChatEntryPoint, 'name' | 'prefilledText' | 'widget'>>;

function decode(row: Row): ChatEntryPoint {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    whatsappAccountId: text(row, 'whatsapp_account_id'),
    name: text(row, 'name'),
    kind: oneOf(row, 'kind', ENTRY_POINT_KINDS),
    prefilledText: text(row, 'prefilled_text'),
    ref: text(row, 'ref'),
    widget: jsonObjectOrNull<WidgetSettingsDto>(row, 'widget'),
    createdAt: timestamp(row, 'created_at'),
    updatedAt: timestamp(row, 'updated_at'),
  };
}

/** The only reader and writer of `chat_entry_points`. */
@Injectable()
export class ChatEntryPointRepository {
  constructor(private readonly sql: Sql) {}

  async insert(entry: NewChatEntryPoint): Promise<ChatEntryPoint> {
    const [row] = await this.sql.query(
      `INSERT INTO chat_entry_points (tenant_id, whatsapp_account_id, name, kind, prefilled_text, ref, widget)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [
        entry.tenantId,
        entry.whatsappAccountId,
        entry.name,
        entry.kind,
        entry.prefilledText,
        entry.ref,
        entry.widget === null ? null : JSON.stringify(entry.widget),
      ],
      decode,
    );
    if (!row) throw new Error('INSERT INTO chat_entry_points answered no row');
    return row;
  }

  /** Oldest first, so a list keeps its order as entries are added. */
  list(tenantId: string, whatsappAccountId?: string): Promise<ChatEntryPoint[]> {
    return this.sql.query(
      `SELECT * FROM chat_entry_points WHERE tenant_id = $1 AND ($2::uuid IS NULL OR whatsapp_account_id = $2::uuid)
       ORDER BY created_at, id`,
      [tenantId, whatsappAccountId ?? null],
      decode,
    );
  }

  async findById(tenantId: string, id: string): Promise<ChatEntryPoint | null> {
    const [row] = await this.sql.query(
      `SELECT * FROM chat_entry_points WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decode,
    );
    return row ?? null;
  }

  /** Refs are unique across tenants: the public widget config is found by its ref alone. */
  async findByRefAcrossTenants(ref: string): Promise<ChatEntryPoint | null> {
    const [row] = await this.sql.query(`SELECT * FROM chat_entry_points WHERE ref = $1`, [ref], decode);
    return row ?? null;
  }

  /** The entry points of `(tenant, ref)` pairs, in one statement, whatever the number of pairs. */
  findByRefsAcrossTenants(pairs: readonly { tenantId: string; ref: string }[]): Promise<ChatEntryPoint[]> {
    if (pairs.length === 0) return Promise.resolve([]);
    return this.sql.query(
      `SELECT e.* FROM chat_entry_points e
       JOIN unnest($1::uuid[], $2::text[]) AS p(tenant_id, ref) ON e.tenant_id = p.tenant_id AND e.ref = p.ref`,
      [pairs.map((p) => p.tenantId), pairs.map((p) => p.ref)],
      decode,
    );
  }

  async update(tenantId: string, id: string, changes: ChatEntryPointChanges): Promise<ChatEntryPoint | null> {
    const [row] = await this.sql.query(
      `UPDATE chat_entry_points SET
         name = COALESCE($3, name),
         prefilled_text = COALESCE($4, prefilled_text),
         widget = COALESCE($5::jsonb, widget),
         updated_at = now()
       WHERE tenant_id = $1 AND id = $2 RETURNING *`,
      [
        tenantId,
        id,
        changes.name ?? null,
        changes.prefilledText ?? null,
        changes.widget ? JSON.stringify(changes.widget) : null,
      ],
      decode,
    );
    return row ?? null;
  }

  async remove(tenantId: string, id: string): Promise<boolean> {
    const rows = await this.sql.query(
      `DELETE FROM chat_entry_points WHERE tenant_id = $1 AND id = $2 RETURNING id`,
      [tenantId, id],
      (row) => text(row, 'id'),
    );
    return rows.length > 0;
  }
}
