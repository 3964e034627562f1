import 'server-only';
import type { InvoiceDto, MetaBudgetDto, PlanDto, SubscriptionDto, UsageReportDto } from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';

async function read<T>(path: string): Promise<T> {
  const result = await apiFetch<T>(path);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** The plans the workspace can choose, in the order they are offered. */
export async function listPlans(): Promise<PlanDto[]> {
  const plans = await read<PlanDto[]>('/billing/plans');
  return [...plans].sort((a, b) => a.sortOrder - b.sortOrder);
}

export function getSubscription(): Promise<SubscriptionDto> {
  return read<SubscriptionDto>('/billing/subscription');
}

/** Usage and Meta's estimated cost of the days `from` to `to` (both included, workspace time zone). */
export function getUsage(range: { from: string; to: string }): Promise<UsageReportDto> {
  const params = new URLSearchParams(range);
  return read<UsageReportDto>(`/billing/usage?${params}`);
}

export function getBudget(): Promise<MetaBudgetDto> {
  return read<MetaBudgetDto>('/billing/budget');
}

/** The budget for the dashboard's banner: a failure there must not take down every page, so it reads as none. */
export async function findBudget(): Promise<MetaBudgetDto | null> {
  const result = await apiFetch<MetaBudgetDto>('/billing/budget');
  return result.ok ? result.data : null;
}

/** Newest first. */
export function listInvoices(): Promise<InvoiceDto[]> {
  return read<InvoiceDto[]>('/billing/invoices');
}
