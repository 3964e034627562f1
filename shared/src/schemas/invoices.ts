import { z } from 'zod';
import { BILLING_CURRENCIES } from '../types/billing';
import { strictObject } from './fields';
import { limitChangeReasonField } from './limits';

/** `POST /billing/checkout`: the plan to subscribe to through Stripe Checkout, and the currency to pay in. */
export const checkoutSchema = strictObject({
  planId: z.uuid({ error: 'planId must be the id of a plan (GET /billing/plans)' }),
  currency: z.enum(BILLING_CURRENCIES, { error: `currency must be one of: ${BILLING_CURRENCIES.join(', ')}` }),
});
export type CheckoutInput = z.infer<typeof checkoutSchema>;

/** `POST /admin/tenants/:id/invoices`, `POST /admin/invoices/:id/mark-paid` and `…/void`: why, kept in the audit log. */
export const invoiceActionSchema = strictObject({ reason: limitChangeReasonField.optional() });
export type InvoiceActionInput = z.infer<typeof invoiceActionSchema>;
