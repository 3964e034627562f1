import { Injectable } from '@nestjs/common';
import { type MetaRateDto } from '@aerostic/shared';
import { safeInt, text } from '../database/columns';
import { Sql } from '../database/sql';

/** The only writer of `meta_rates`: Meta's rate card by market and pricing category, in micros of USD. */
@Injectable()
export class MetaRateRepository {
  constructor(private readonly sql: Sql) {}

  /** By market, then category. `forUpdate` (in a transaction) makes concurrent replacements apply one by one. */
  list(forUpdate = false): Promise<MetaRateDto[]> {
    if (forUpdate) return this.locked();
    return this.sql.query(
      `SELECT market, category, rate_micros FROM meta_rates ORDER BY market, category`,
      [],
      decodeRate,
    );
  }

  private async locked(): Promise<MetaRateDto[]> {
    await this.sql.execute(`LOCK TABLE meta_rates IN SHARE ROW EXCLUSIVE MODE`, []);
    return this.list();
  }

  /** Replaces the whole card (inside the caller's transaction). */
  async replace(rates: readonly MetaRateDto[]): Promise<void> {
    await this.sql.execute(`DELETE FROM meta_rates`, []);
    await this.sql.execute(
      `INSERT INTO meta_rates (market, category, rate_micros)
       SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])`,
      [rates.map((r) => r.market), rates.map((r) => r.category), rates.map((r) => r.rateMicros)],
    );
  }
}

function decodeRate(row: Record<string, unknown>): MetaRateDto {
  return { market: text(row, 'market'), category: text(row, 'category'), rateMicros: safeInt(row, 'rate_micros') };
}
