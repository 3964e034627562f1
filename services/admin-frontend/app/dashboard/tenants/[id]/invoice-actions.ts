'use server';

import { refresh } from 'next/cache';
import { type InvoiceDto, invoiceActionSchema } from '@aerostic/shared';
import { type FormState, apiErrorFormState, invalidFormState, textValue } from '@aerostic/shared/web';
import { NEEDS_SUPER_ADMIN, idSchema, signedInSuperAdmin } from '@/lib/admin-actions';
import { apiFetch } from '@/lib/api';

/** Each invoice action: where it posts, what it says when done. All are audited with the optional reason. */
const INVOICE_ACTIONS = {
  issue: {
    idField: 'tenantId',
    path: (id: string) => `/admin/tenants/${id}/invoices`,
    done: (invoice: InvoiceDto) => `Invoice ${invoice.number} issued; the tenant's next period starts now.`,
  },
  markPaid: {
    idField: 'invoiceId',
    path: (id: string) => `/admin/invoices/${id}/mark-paid`,
    done: (invoice: InvoiceDto) => `Invoice ${invoice.number} is marked paid.`,
  },
  void: {
    idField: 'invoiceId',
    path: (id: string) => `/admin/invoices/${id}/void`,
    done: (invoice: InvoiceDto) => `Invoice ${invoice.number} is void.`,
  },
} as const;

async function invoiceAction(kind: keyof typeof INVOICE_ACTIONS, formData: FormData): Promise<FormState> {
  if (!(await signedInSuperAdmin())) return NEEDS_SUPER_ADMIN;
  const { idField, path, done } = INVOICE_ACTIONS[kind];
  const reason = textValue(formData, 'reason');
  const values = { reason };
  const id = idSchema.safeParse(formData.get(idField));
  if (!id.success) return invalidFormState(id.error.issues, values);
  // An empty reason box means no reason.
  const parsed = invoiceActionSchema.safeParse(reason.trim() === '' ? {} : { reason });
  if (!parsed.success) return invalidFormState(parsed.error.issues, values);

  const result = await apiFetch<InvoiceDto>(path(id.data), { method: 'POST', body: parsed.data });
  if (!result.ok) return apiErrorFormState(result.error, values);
  refresh();
  return { status: 'success', message: done(result.data) };
}

export async function issueInvoiceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return invoiceAction('issue', formData);
}

export async function markInvoicePaidAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return invoiceAction('markPaid', formData);
}

export async function voidInvoiceAction(_previous: FormState, formData: FormData): Promise<FormState> {
  return invoiceAction('void', formData);
}
