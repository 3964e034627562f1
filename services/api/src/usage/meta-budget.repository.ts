import { Injectable } from '@nestjs/common';
import { safeInt } from '../database/columns';
import { Sql } from '../database/sql';

export type BudgetNotice = 'warned' | 'exhausted';

/** The only writer of `meta_budgets`: each tenant's monthly Meta budget and the notices sent for it. */
@Injectable()
export class MetaBudgetRepository {
  constructor(private readonly sql: Sql) {}

  /** The monthly budget in micros, null for none. */
  async find(tenantId: string): Promise<number | null> {
    const [budget] = await this.sql.query(
      `SELECT monthly_micros FROM meta_budgets WHERE tenant_id = $1 AND monthly_micros IS NOT NULL`,
      [tenantId],
      (row) => safeInt(row, 'monthly_micros'),
    );
    return budget ?? null;
  }

  async save(tenantId: string, monthlyMicros: number | null): Promise<void> {
    await this.sql.execute(
      `INSERT INTO meta_budgets (tenant_id, monthly_micros) VALUES ($1, $2)
       ON CONFLICT (tenant_id) DO UPDATE SET monthly_micros = EXCLUDED.monthly_micros, updated_at = now()`,
      [tenantId, monthlyMicros],
    );
  }

  /**
   * Records that the notice went out for the month starting `month`; false when it had already (so that it goes out
   * once a month whatever the number of statuses or API instances crossing the threshold).
   */
  async markNotified(tenantId: string, notice: BudgetNotice, month: string): Promise<boolean> {
    const column = notice === 'warned' ? 'warned_month' : 'exhausted_month';
    const changed = await this.sql.execute(
      `UPDATE meta_budgets SET ${column} = $2::date
       WHERE tenant_id = $1 AND ${column} IS DISTINCT FROM $2::date`,
      [tenantId, month],
    );
    return changed > 0;
  }
}
