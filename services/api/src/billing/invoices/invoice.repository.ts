import { Injectable } from '@nestjs/common';
import {
  BILLING_CURRENCIES,
  INVOICE_LINE_KINDS,
  INVOICE_STATUSES,
  type InvoiceLineDto,
  type InvoiceStatus,
} from '@aerostic/shared';
import { int, oneOf, oneOfOrNull, text, textOrNull, timestamp, timestampOrNull } from '../../database/columns';
import { type Row, Sql } from '../../database/sql';
import { type Invoice, type NewInvoice } from './invoice';

const PAID_VIA = ['stripe', 'bank_transfer'] as const;

function decodeLine(row: Row): InvoiceLineDto & { invoiceId: string } {
  return {
    invoiceId: text(row, 'invoice_id'),
    kind: oneOf(row, 'kind', INVOICE_LINE_KINDS),
    description: text(row, 'description'),
    quantity: int(row, 'quantity'),
    unitAmountMinor: int(row, 'unit_amount_minor'),
    amountMinor: int(row, 'amount_minor'),
  };
}

function decodeInvoice(row: Row): Omit<Invoice, 'lines'> {
  return {
    id: text(row, 'id'),
    tenantId: text(row, 'tenant_id'),
    number: text(row, 'number'),
    status: oneOf(row, 'status', INVOICE_STATUSES),
    currency: oneOf(row, 'currency', BILLING_CURRENCIES),
    customerName: text(row, 'customer_name'),
    periodStart: timestamp(row, 'period_start'),
    periodEnd: timestamp(row, 'period_end'),
    issuedAt: timestamp(row, 'issued_at'),
    dueAt: timestamp(row, 'due_at'),
    paidAt: timestampOrNull(row, 'paid_at'),
    voidedAt: timestampOrNull(row, 'voided_at'),
    subtotalMinor: int(row, 'subtotal_minor'),
    taxRateBasisPoints: int(row, 'tax_rate_bp'),
    taxMinor: int(row, 'tax_minor'),
    totalMinor: int(row, 'total_minor'),
    sellerTaxId: textOrNull(row, 'seller_tax_id'),
    paidVia: oneOfOrNull(row, 'paid_via', PAID_VIA),
    stripeInvoiceId: textOrNull(row, 'stripe_invoice_id'),
  };
}

// bigint columns as float8: pg answers bigint as text, float8 as a number (every amount here is far below 2^53).
const INVOICE_COLUMNS = `id, tenant_id, number, status, currency, customer_name, period_start, period_end, issued_at,
  due_at, paid_at, voided_at, subtotal_minor::float8 AS subtotal_minor, tax_rate_bp, tax_minor::float8 AS tax_minor,
  total_minor::float8 AS total_minor, seller_tax_id, paid_via, stripe_invoice_id`;

/** An open proration claimed by an invoice. */
export interface ClaimedAdjustment {
  description: string;
  amountMinor: number;
}

/** Outbound usage of a period from the daily rollups. */
export interface PeriodUsage {
  outboundMessages: number;
  campaignRecipients: number;
  aiReplies: number;
}

/**
 * The only writer of `invoices`, `invoice_lines` and `invoice_number_counters`; also claims `billing_adjustments` for
 * an invoice and reads the period's usage from `message_stats`.
 */
@Injectable()
export class InvoiceRepository {
  constructor(private readonly sql: Sql) {}

  /**
   * The year's next invoice number, inside the issuing transaction: the counter row stays locked until it commits,
   * and a rollback gives the number back, so numbers have no gaps.
   */
  async nextNumber(year: number): Promise<number> {
    const [n] = await this.sql.query(
      `INSERT INTO invoice_number_counters (year, last_number) VALUES ($1, 1)
       ON CONFLICT (year) DO UPDATE SET last_number = invoice_number_counters.last_number + 1
       RETURNING last_number`,
      [year],
      (row) => int(row, 'last_number'),
    );
    return n!;
  }

  /** Inserts the invoice and its lines; a second invoice of the same period fails on `invoices_period_once`. */
  async insert(invoice: NewInvoice): Promise<void> {
    await this.sql.execute(
      `INSERT INTO invoices (id, tenant_id, number, status, currency, customer_name, period_start, period_end,
         issued_at, due_at, subtotal_minor, tax_rate_bp, tax_minor, total_minor, seller_tax_id)
       VALUES ($1, $2, $3, 'open', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        invoice.id,
        invoice.tenantId,
        invoice.number,
        invoice.currency,
        invoice.customerName,
        invoice.periodStart,
        invoice.periodEnd,
        invoice.issuedAt,
        invoice.dueAt,
        invoice.subtotalMinor,
        invoice.taxRateBasisPoints,
        invoice.taxMinor,
        invoice.totalMinor,
        invoice.sellerTaxId,
      ],
    );
    await this.sql.execute(
      `INSERT INTO invoice_lines (invoice_id, position, kind, description, quantity, unit_amount_minor, amount_minor)
       SELECT $1, * FROM unnest($2::int[], $3::text[], $4::text[], $5::bigint[], $6::bigint[], $7::bigint[])`,
      [
        invoice.id,
        invoice.lines.map((_, i) => i + 1),
        invoice.lines.map((line) => line.kind),
        invoice.lines.map((line) => line.description),
        invoice.lines.map((line) => line.quantity),
        invoice.lines.map((line) => line.unitAmountMinor),
        invoice.lines.map((line) => line.amountMinor),
      ],
    );
  }

  /** Whether the period starting at `periodStart` already has its invoice. */
  async existsForPeriod(tenantId: string, periodStart: Date): Promise<boolean> {
    const rows = await this.sql.query(
      `SELECT 1 FROM invoices WHERE tenant_id = $1 AND period_start = $2`,
      [tenantId, periodStart],
      () => true,
    );
    return rows.length > 0;
  }

  /** Open prorations in the invoice's currency that arose before `before`, claimed by the invoice (oldest first). */
  claimAdjustments(tenantId: string, currency: string, before: Date, invoiceId: string): Promise<ClaimedAdjustment[]> {
    return this.sql.query(
      `WITH claimed AS (
         UPDATE billing_adjustments SET invoice_id = $4
         WHERE tenant_id = $1 AND invoice_id IS NULL AND currency = $2 AND created_at < $3 AND amount_minor <> 0
         RETURNING description, amount_minor, created_at, id)
       SELECT description, amount_minor::float8 AS amount_minor FROM claimed ORDER BY created_at, id`,
      [tenantId, currency, before, invoiceId],
      (row) => ({ description: text(row, 'description'), amountMinor: int(row, 'amount_minor') }),
    );
  }

  /** Outbound messages of the days whose UTC midnight falls in [start, end): rollups are daily, folded or not. */
  async periodUsage(tenantId: string, start: Date, end: Date): Promise<PeriodUsage> {
    const [usage] = await this.sql.query(
      `SELECT coalesce(sum(messages), 0)::float8 AS outbound,
              coalesce(sum(messages) FILTER (WHERE automated_by = 'campaign'), 0)::float8 AS campaign,
              coalesce(sum(messages) FILTER (WHERE automated_by = 'ai'), 0)::float8 AS ai
       FROM message_stats
       WHERE tenant_id = $1 AND direction = 'outbound'
         AND day >= (($2::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond')::date + 1
         AND day < (($3::timestamptz AT TIME ZONE 'UTC') - interval '1 microsecond')::date + 1`,
      [tenantId, start, end],
      (row) => ({
        outboundMessages: int(row, 'outbound'),
        campaignRecipients: int(row, 'campaign'),
        aiReplies: int(row, 'ai'),
      }),
    );
    return usage!;
  }

  /** The tenant's invoices, newest first, with their lines. */
  async listForTenant(tenantId: string): Promise<Invoice[]> {
    const invoices = await this.sql.query(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE tenant_id = $1 ORDER BY issued_at DESC, number DESC`,
      [tenantId],
      decodeInvoice,
    );
    return this.withLines(invoices);
  }

  async findForTenant(tenantId: string, id: string): Promise<Invoice | null> {
    const rows = await this.sql.query(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE tenant_id = $1 AND id = $2`,
      [tenantId, id],
      decodeInvoice,
    );
    return (await this.withLines(rows))[0] ?? null;
  }

  /** Platform admins' and Stripe's lookup, across tenants; with `lock`, until the transaction ends. */
  async findAcrossTenants(id: string, lock = false): Promise<Invoice | null> {
    const rows = await this.sql.query(
      `SELECT ${INVOICE_COLUMNS} FROM invoices WHERE id = $1${lock ? ' FOR UPDATE' : ''}`,
      [id],
      decodeInvoice,
    );
    return (await this.withLines(rows))[0] ?? null;
  }

  /** The tenants' open invoices not yet sent to Stripe, oldest first. */
  listOpenWithoutStripeInvoice(tenantIds: readonly string[], limit: number): Promise<Omit<Invoice, 'lines'>[]> {
    return this.sql.query(
      `SELECT ${INVOICE_COLUMNS} FROM invoices
       WHERE tenant_id = ANY($1::uuid[]) AND status = 'open' AND stripe_invoice_id IS NULL
       ORDER BY issued_at, number LIMIT $2`,
      [tenantIds, limit],
      decodeInvoice,
    );
  }

  async findIdByStripeInvoice(stripeInvoiceId: string): Promise<string | null> {
    const rows = await this.sql.query(
      `SELECT id FROM invoices WHERE stripe_invoice_id = $1`,
      [stripeInvoiceId],
      (row) => text(row, 'id'),
    );
    return rows[0] ?? null;
  }

  async setStripeInvoiceId(id: string, stripeInvoiceId: string): Promise<void> {
    await this.sql.execute(`UPDATE invoices SET stripe_invoice_id = $2 WHERE id = $1`, [id, stripeInvoiceId]);
  }

  async setStatus(
    id: string,
    status: Extract<InvoiceStatus, 'paid' | 'void'>,
    at: Date,
    paidVia: 'stripe' | 'bank_transfer' | null,
  ): Promise<void> {
    await this.sql.execute(
      `UPDATE invoices SET status = $2, paid_at = CASE WHEN $2 = 'paid' THEN $3::timestamptz END,
              voided_at = CASE WHEN $2 = 'void' THEN $3::timestamptz END, paid_via = $4
       WHERE id = $1`,
      [id, status, at, paidVia],
    );
  }

  private async withLines(invoices: Omit<Invoice, 'lines'>[]): Promise<Invoice[]> {
    if (invoices.length === 0) return [];
    const lines = await this.sql.query(
      `SELECT invoice_id, kind, description, quantity::float8 AS quantity,
              unit_amount_minor::float8 AS unit_amount_minor, amount_minor::float8 AS amount_minor
       FROM invoice_lines WHERE invoice_id = ANY($1::uuid[]) ORDER BY invoice_id, position`,
      [invoices.map((invoice) => invoice.id)],
      decodeLine,
    );
    return invoices.map((invoice) => ({
      ...invoice,
      lines: lines
        .filter((line) => line.invoiceId === invoice.id)
        .map(({ kind, description, quantity, unitAmountMinor, amountMinor }) => ({
          kind,
          description,
          quantity,
          unitAmountMinor,
          amountMinor,
        })),
    }));
  }
}
