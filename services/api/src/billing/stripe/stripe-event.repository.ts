import { Injectable } from '@nestjs/common';
import { Sql } from '../../database/sql';

/** The only writer of `stripe_events`: each Stripe event id is processed once. */
@Injectable()
export class StripeEventRepository {
  constructor(private readonly sql: Sql) {}

  /** Inside the handling transaction: false when the event was processed before (a redelivery). */
  async claim(id: string, type: string): Promise<boolean> {
    const inserted = await this.sql.execute(
      `INSERT INTO stripe_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING`,
      [id, type],
    );
    return inserted > 0;
  }
}
