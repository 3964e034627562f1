import type { Metadata } from 'next';
import Link from 'next/link';
import { TEMPLATE_STATUSES, type TemplateDto, type TemplateStatus } from '@aerostic/shared';
import { AdminRightsNotice } from '@/components/admin-rights-notice';
import { Card } from '@/components/card';
import { LiveRefresh } from '@/components/live-refresh';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import { formatDateTime } from '@/lib/format';
import { getSession, isAdmin } from '@/lib/session/session';
import { storedTemplatePreview } from '@/lib/templates/template-form';
import { listTemplates } from '@/lib/templates/templates-api';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import { DeleteTemplateButton } from './delete-template-button';
import { SyncTemplatesButton } from './sync-templates-button';
import { TemplateForm } from './template-form';
import { TemplatePreviewBubble } from './template-preview';

export const metadata: Metadata = { title: 'Message templates' };

const TEMPLATES_PER_PAGE = 50;
const LINK = 'font-medium text-brand-700 hover:underline';
const FILTERS: Array<{ label: string; status?: TemplateStatus }> = [
  { label: 'All' },
  { label: 'Approved', status: 'APPROVED' },
  { label: 'Pending', status: 'PENDING' },
  { label: 'Rejected', status: 'REJECTED' },
  { label: 'Deleted at Meta', status: 'DELETED' },
];

/** Why a status matters to the person reading the list. */
const STATUS_VIEW: Partial<
  Record<TemplateStatus, { label: string; tone: 'success' | 'warning' | 'danger' | 'neutral' }>
> = {
  APPROVED: { label: 'Approved', tone: 'success' },
  PENDING: { label: 'Pending review', tone: 'warning' },
  IN_APPEAL: { label: 'In appeal', tone: 'warning' },
  REJECTED: { label: 'Rejected', tone: 'danger' },
  PAUSED: { label: 'Paused', tone: 'danger' },
  DISABLED: { label: 'Disabled', tone: 'danger' },
  DELETED: { label: 'Deleted at Meta', tone: 'neutral' },
};

const REJECTION_REASONS: Record<string, string> = {
  ABUSIVE_CONTENT: 'Meta found abusive content.',
  INCORRECT_CATEGORY: 'The category does not match the content: try another category.',
  INVALID_FORMAT: 'The format is not valid: check the variables, their examples and the buttons.',
  PROMOTIONAL: 'The content is promotional: submit it as a Marketing template.',
  SCAM: 'Meta considered it a possible scam.',
  TAG_CONTENT_MISMATCH: 'The content does not match the category or language.',
};

type SearchParams = Record<string, string | string[] | undefined>;

function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function hrefWith(params: SearchParams, changes: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const key of ['status', 'search', 'cursor']) {
    const value = key in changes ? changes[key] : param(params, key);
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `/dashboard/whatsapp/templates?${text}` : '/dashboard/whatsapp/templates';
}

export default async function TemplatesPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  if (!isAdmin(await getSession())) return <AdminRightsNotice section="Message templates" />;
  const params = await searchParams;
  const rawStatus = param(params, 'status');
  const status = TEMPLATE_STATUSES.find((s) => s === rawStatus);
  const search = param(params, 'search');
  const cursor = param(params, 'cursor');
  const [page, accounts] = await Promise.all([
    listTemplates(TEMPLATES_PER_PAGE, { status, search, cursor }),
    listWhatsAppAccounts(),
  ]);
  const numbersOfWaba = new Map<string, string[]>();
  for (const account of accounts) {
    const label = formatPhoneNumber(account.displayPhoneNumber);
    numbersOfWaba.set(account.wabaId, [...(numbersOfWaba.get(account.wabaId) ?? []), label]);
  }
  const numberOptions = accounts.map((a) => ({
    value: a.id,
    label: `${formatPhoneNumber(a.displayPhoneNumber)}${a.verifiedName ? ` · ${a.verifiedName}` : ''}`,
  }));

  return (
    <>
      {/* Meta's review arrives as a webhook: the list renders again when it does. */}
      <LiveRefresh events={['template.updated']} />
      <PageHeader
        title="Message templates"
        description="Messages Meta approved in advance. They are the only messages WhatsApp delivers when a customer has not written in the last 24 hours."
        actions={
          <Link href="/dashboard/whatsapp" className={LINK}>
            ← WhatsApp numbers
          </Link>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title="Templates">
          <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
            <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
              {FILTERS.map((filter) => {
                const active = filter.status === status;
                return (
                  <Link
                    key={filter.label}
                    href={hrefWith(params, { status: filter.status, cursor: undefined })}
                    aria-current={active ? 'page' : undefined}
                    className={
                      active
                        ? 'rounded-full bg-brand-50 px-3 py-1 font-medium text-brand-800 ring-1 ring-brand-600/20 ring-inset'
                        : 'rounded-full border border-line px-3 py-1 text-ink-muted hover:bg-canvas'
                    }
                  >
                    {filter.label}
                  </Link>
                );
              })}
            </nav>
            <div className="flex flex-wrap items-start gap-3">
              <form action="/dashboard/whatsapp/templates" className="flex gap-2" role="search">
                {status && <input type="hidden" name="status" value={status} />}
                <label htmlFor="template-search" className="sr-only">
                  Search templates by name
                </label>
                <input
                  id="template-search"
                  name="search"
                  defaultValue={search}
                  placeholder="Search by name"
                  className="rounded-lg border border-line bg-surface px-3 py-2 text-sm shadow-xs"
                />
              </form>
              <SyncTemplatesButton />
            </div>
          </div>
          <TemplatesList templates={page.data} numbersOfWaba={numbersOfWaba} filtered={Boolean(status || search)} />
          {(cursor || page.nextCursor) && (
            <p className="mt-4 flex gap-4 text-sm">
              {cursor && (
                <Link href={hrefWith(params, { cursor: undefined })} className={LINK}>
                  First page
                </Link>
              )}
              {page.nextCursor && (
                <Link href={hrefWith(params, { cursor: page.nextCursor })} className={LINK}>
                  More templates
                </Link>
              )}
            </p>
          )}
        </Card>
        <Card
          title="New template"
          description="Meta reviews every template before it can be sent, usually within minutes; its status changes here when Meta decides."
        >
          {accounts.length === 0 ? (
            <p className="text-sm text-ink-muted">
              Connect a WhatsApp number first:{' '}
              <Link href="/dashboard/whatsapp" className={LINK}>
                WhatsApp numbers
              </Link>
              .
            </p>
          ) : (
            <TemplateForm numbers={numberOptions} />
          )}
        </Card>
      </div>
    </>
  );
}

function TemplatesList({
  templates,
  numbersOfWaba,
  filtered,
}: {
  templates: TemplateDto[];
  numbersOfWaba: Map<string, string[]>;
  filtered: boolean;
}) {
  if (templates.length === 0) {
    return (
      <p className="text-sm text-ink-muted">
        {filtered
          ? 'No template matches. Clear the filter, or sync to read the latest from Meta.'
          : 'No templates yet. Create one below, or sync to bring in the ones made in Meta’s WhatsApp Manager.'}
      </p>
    );
  }
  return (
    <ul className="flex flex-col divide-y divide-line" aria-label="Templates">
      {templates.map((template) => {
        const view = STATUS_VIEW[template.status] ?? { label: template.status, tone: 'neutral' as const };
        const numbers = numbersOfWaba.get(template.wabaId);
        const label = `${template.name} (${template.language})`;
        return (
          <li key={template.id} className="grid gap-4 py-4 xl:grid-cols-[1fr_18rem_auto]" aria-label={label}>
            <div className="flex flex-col gap-1.5">
              <div className="flex flex-wrap items-center gap-2">
                <span className="font-mono text-sm font-semibold">{template.name}</span>
                <StatusBadge tone={view.tone}>{view.label}</StatusBadge>
              </div>
              <p className="text-xs text-ink-muted">
                {template.language} · {template.category ? template.category.toLowerCase() : 'category unknown'} ·{' '}
                {numbers ? numbers.join(', ') : `business account ${template.wabaId}`} · updated{' '}
                {formatDateTime(template.updatedAt)}
              </p>
              {template.status === 'REJECTED' && (
                <p className="text-sm text-danger-700">
                  Meta rejected it
                  {template.rejectedReason ? ` (${template.rejectedReason})` : ''}:{' '}
                  {REJECTION_REASONS[template.rejectedReason ?? ''] ?? 'edit it and submit it again under a new name.'}
                </p>
              )}
            </div>
            <TemplatePreviewBubble
              preview={storedTemplatePreview(template.components)}
              emptyText="Its content has not been read from Meta yet: sync to see it."
            />
            <div>
              <DeleteTemplateButton templateId={template.id} label={label} />
            </div>
          </li>
        );
      })}
    </ul>
  );
}
