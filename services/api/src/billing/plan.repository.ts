import { Injectable } from '@nestjs/common';
import { LIMIT_NAMES, type LimitValues, type PlanDto, type PlanPrice } from '@aerostic/shared';
import { bool, int, jsonArray, jsonObject, text } from '../database/columns';
import { type Row, Sql } from '../database/sql';

/** What a super admin sets on a plan; `id` is the database's. */
export type PlanFields = Omit<PlanDto, 'id'>;

/** Stored quotas older than a limit lack its key: the plan then says nothing about it (the default applies). */
function decodeQuotas(row: Row): Partial<LimitValues> {
  const stored = jsonObject<Record<string, unknown>>(row, 'quotas');
  return Object.fromEntries(
    LIMIT_NAMES.filter((name) => name in stored).map((name) => {
      const max = stored[name];
      return [name, typeof max === 'number' ? max : null];
    }),
  );
}

/** A plan as stored; `quotas` may lack a limit (see decodeQuotas), the DTO fills it with null. */
export interface StoredPlan extends Omit<PlanDto, 'quotas'> {
  quotas: Partial<LimitValues>;
}

export function decodePlan(row: Row): StoredPlan {
  return {
    id: text(row, 'id'),
    code: text(row, 'code'),
    name: text(row, 'name'),
    description: text(row, 'description'),
    quotas: decodeQuotas(row),
    prices: jsonArray(row, 'prices') as PlanPrice[],
    trialDays: int(row, 'trial_days'),
    active: bool(row, 'active'),
    sortOrder: int(row, 'sort_order'),
  };
}

const ORDER = `ORDER BY sort_order, created_at, id`;

/** code, name, description, quotas, prices, trial_days, active, sort_order: the order both writes use. */
function columns(fields: PlanFields): unknown[] {
  return [
    fields.code,
    fields.name,
    fields.description,
    JSON.stringify(fields.quotas),
    JSON.stringify(fields.prices),
    fields.trialDays,
    fields.active,
    fields.sortOrder,
  ];
}

/** The only writer of `plans`. */
@Injectable()
export class PlanRepository {
  constructor(private readonly sql: Sql) {}

  list(activeOnly: boolean): Promise<StoredPlan[]> {
    return this.sql.query(`SELECT * FROM plans ${activeOnly ? 'WHERE active' : ''} ${ORDER}`, [], decodePlan);
  }

  /** With `lock` (inside a transaction), concurrent edits of the plan apply one after the other. */
  async findById(id: string, lock = false): Promise<StoredPlan | null> {
    const [plan] = await this.sql.query(
      `SELECT * FROM plans WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
      decodePlan,
    );
    return plan ?? null;
  }

  async findByCode(code: string): Promise<StoredPlan | null> {
    const [plan] = await this.sql.query(`SELECT * FROM plans WHERE code = $1`, [code], decodePlan);
    return plan ?? null;
  }

  /** The plan a new workspace tries: the first active one with trial days (docs/adr/0135). */
  async findTrialPlan(): Promise<StoredPlan | null> {
    const [plan] = await this.sql.query(
      `SELECT * FROM plans WHERE active AND trial_days > 0 ${ORDER} LIMIT 1`,
      [],
      decodePlan,
    );
    return plan ?? null;
  }

  async insert(fields: PlanFields): Promise<StoredPlan> {
    const [plan] = await this.sql.query(
      `INSERT INTO plans (code, name, description, quotas, prices, trial_days, active, sort_order)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING *`,
      columns(fields),
      decodePlan,
    );
    return plan!;
  }

  async update(id: string, fields: PlanFields): Promise<StoredPlan> {
    const [plan] = await this.sql.query(
      `UPDATE plans SET code = $2, name = $3, description = $4, quotas = $5, prices = $6, trial_days = $7,
         active = $8, sort_order = $9, updated_at = now()
       WHERE id = $1 RETURNING *`,
      [id, ...columns(fields)],
      decodePlan,
    );
    return plan!;
  }
}
