import type { InvoiceStatus, PlatformAdminRole, TenantStatus, TokenStatus } from '@aerostic/shared';

/** The tones a badge can take; each page maps its values onto them here, in one place. */
export type Tone = 'brand' | 'neutral' | 'success' | 'warning' | 'danger';

export const ADMIN_ROLE_LABELS: Record<PlatformAdminRole, string> = {
  super_admin: 'Super admin',
  admin: 'Admin',
};

export const TENANT_STATUS_LABELS: Record<TenantStatus, string> = { active: 'Active', suspended: 'Suspended' };

export function tenantStatusTone(status: TenantStatus): Tone {
  return status === 'active' ? 'success' : 'danger';
}

export const TOKEN_STATUS_LABELS: Record<TokenStatus, string> = {
  valid: 'Valid',
  expiring: 'Expiring',
  invalid: 'Invalid',
  unknown: 'Not checked',
};

export function tokenStatusTone(status: TokenStatus): Tone {
  return status === 'valid'
    ? 'success'
    : status === 'expiring'
      ? 'warning'
      : status === 'invalid'
        ? 'danger'
        : 'neutral';
}

/** Meta's quality rating; null before the first check. */
export function qualityTone(rating: string | null): Tone {
  if (rating === 'GREEN') return 'success';
  if (rating === 'YELLOW') return 'warning';
  if (rating === 'RED') return 'danger';
  return 'neutral';
}

export function qualityLabel(rating: string | null): string {
  if (!rating || rating === 'UNKNOWN' || rating === 'NA') return 'Not rated';
  return rating.charAt(0) + rating.slice(1).toLowerCase();
}

const META_STATUS_LABELS: Record<string, string> = {
  CONNECTED: 'In good standing',
  FLAGGED: 'Flagged (low quality)',
  RESTRICTED: 'Restricted',
  POLICY_VIOLATION: 'Policy violation',
  BAN_SCHEDULED: 'Ban scheduled',
  BANNED: 'Banned',
};

/** Meta's standing of the number or its WABA (webhooks and checks); null until Meta reports one. */
export function metaStatusLabel(status: string | null): string {
  if (!status) return 'Standing not reported';
  return META_STATUS_LABELS[status.toUpperCase()] ?? status;
}

export function metaStatusTone(status: string | null): Tone {
  if (!status) return 'neutral';
  const upper = status.toUpperCase();
  if (upper === 'CONNECTED') return 'success';
  return upper === 'FLAGGED' ? 'warning' : 'danger';
}

/** "3 d 4 h", "12 min", "40 s": how long the oldest job has waited. */
export function formatAge(seconds: number | null): string {
  if (seconds === null) return 'none waiting';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

export const INVOICE_STATUS_LABELS: Record<InvoiceStatus, string> = {
  draft: 'Draft',
  open: 'Open',
  paid: 'Paid',
  void: 'Void',
};

export function invoiceStatusTone(status: InvoiceStatus): Tone {
  if (status === 'paid') return 'success';
  if (status === 'open') return 'warning';
  return 'neutral';
}

/** An amount in minor units of its currency, as money: 4900 USD is "US$49.00". */
export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(minor / 100);
}

const COUNT = new Intl.NumberFormat('en-GB');

export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** A limit's maximum, or "Unlimited" for null. */
export function formatLimit(value: number | null | undefined): string {
  return value === null || value === undefined ? 'Unlimited' : COUNT.format(value);
}
