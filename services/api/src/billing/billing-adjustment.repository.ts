import { Injectable } from '@nestjs/common';
import { type BillingCurrency } from '@aerostic/shared';
import { Sql } from '../database/sql';

/** The only writer of `billing_adjustments`: amounts waiting for the workspace's next invoice. */
@Injectable()
export class BillingAdjustmentRepository {
  constructor(private readonly sql: Sql) {}

  async addProration(
    tenantId: string,
    adjustment: { description: string; currency: BillingCurrency; amountMinor: number },
  ): Promise<void> {
    await this.sql.execute(
      `INSERT INTO billing_adjustments (tenant_id, kind, description, currency, amount_minor)
       VALUES ($1, 'proration', $2, $3, $4)`,
      [tenantId, adjustment.description, adjustment.currency, adjustment.amountMinor],
    );
  }
}
