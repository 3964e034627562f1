import { type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Invoices (issue 19): one per tenant and closed period, numbered from a platform-wide counter that the issuing
 * transaction updates (a sequence would leave gaps on rollback), and the Stripe events already processed.
 */
export class Invoices1767145600000 implements MigrationInterface {
  name = 'Invoices1767145600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE invoice_number_counters (
        year integer PRIMARY KEY,
        last_number integer NOT NULL CHECK (last_number > 0)
      )`);
    await q.query(`
      CREATE TABLE invoices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        number text NOT NULL UNIQUE,
        status text NOT NULL CHECK (status IN ('draft', 'open', 'paid', 'void')),
        currency text NOT NULL,
        customer_name text NOT NULL,
        period_start timestamptz NOT NULL,
        period_end timestamptz NOT NULL,
        issued_at timestamptz NOT NULL,
        due_at timestamptz NOT NULL,
        paid_at timestamptz,
        voided_at timestamptz,
        subtotal_minor bigint NOT NULL,
        tax_rate_bp integer NOT NULL CHECK (tax_rate_bp BETWEEN 0 AND 10000),
        tax_minor bigint NOT NULL,
        total_minor bigint NOT NULL,
        seller_tax_id text,
        paid_via text CHECK (paid_via IN ('stripe', 'bank_transfer')),
        -- The Stripe invoice created from this one for a workspace paying by card.
        stripe_invoice_id text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        -- A period is invoiced once, however often the period-end job runs.
        CONSTRAINT invoices_period_once UNIQUE (tenant_id, period_start),
        CONSTRAINT invoices_period_order CHECK (period_end > period_start),
        CONSTRAINT invoices_paid_at CHECK ((status = 'paid') = (paid_at IS NOT NULL)),
        CONSTRAINT invoices_voided_at CHECK ((status = 'void') = (voided_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX invoices_tenant_issued_idx ON invoices (tenant_id, issued_at DESC, id DESC)`);
    await q.query(`
      CREATE TABLE invoice_lines (
        invoice_id uuid NOT NULL REFERENCES invoices (id) ON DELETE CASCADE,
        position integer NOT NULL,
        kind text NOT NULL CHECK (kind IN ('plan', 'proration', 'overage')),
        description text NOT NULL,
        quantity bigint NOT NULL,
        unit_amount_minor bigint NOT NULL,
        amount_minor bigint NOT NULL,
        PRIMARY KEY (invoice_id, position)
      )`);
    await q.query(`
      CREATE TABLE stripe_events (
        id text PRIMARY KEY,
        type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE stripe_events`);
    await q.query(`DROP TABLE invoice_lines`);
    await q.query(`DROP TABLE invoices`);
    await q.query(`DROP TABLE invoice_number_counters`);
  }
}
