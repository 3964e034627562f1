import type { Metadata } from 'next';
import Link from 'next/link';
import type { ContactDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FormAlert } from '@/components/form-alert';
import { PageHeader } from '@/components/page-header';
import { StatusBadge } from '@/components/status-badge';
import { findContact, listContacts } from '@/lib/contacts/contacts-api';
import { formatDateTime } from '@/lib/format';
import { listApprovedTemplates } from '@/lib/inbox/inbox-api';
import { getSession, isAdmin } from '@/lib/session/session';
import { listWhatsAppAccounts } from '@/lib/whatsapp/whatsapp-api';
import { formatPhoneNumber } from '@/lib/whatsapp/whatsapp-format';
import { ContactForm } from './contact-form';
import { ImportPanel } from './import-panel';
import { type NumberOption, StartConversationForm } from './start-conversation-form';

export const metadata: Metadata = { title: 'Contacts' };

const CONTACTS_PER_PAGE = 25;
const LINK = 'font-medium text-brand-700 hover:underline';

type SearchParams = Record<string, string | string[] | undefined>;

function param(params: SearchParams, name: string): string | undefined {
  const value = params[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The page's URL with some parameters changed; undefined removes one. */
function hrefWith(params: SearchParams, changes: Record<string, string | undefined>): string {
  const query = new URLSearchParams();
  for (const key of ['search', 'tag', 'cursor', 'edit', 'message']) {
    const value = key in changes ? changes[key] : param(params, key);
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `/dashboard/contacts?${text}` : '/dashboard/contacts';
}

export default async function ContactsPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const me = await getSession();
  const admin = isAdmin(me);
  const search = param(params, 'search');
  const tag = param(params, 'tag');
  const cursor = param(params, 'cursor');
  const editId = param(params, 'edit');
  const messageId = param(params, 'message');

  const [page, editing, messaging] = await Promise.all([
    listContacts(CONTACTS_PER_PAGE, { search, tag, cursor }),
    editId ? findContact(editId) : Promise.resolve(undefined),
    messageId ? findContact(messageId) : Promise.resolve(undefined),
  ]);
  const exportQuery = new URLSearchParams();
  if (search) exportQuery.set('search', search);
  if (tag) exportQuery.set('tag', tag);

  return (
    <>
      <PageHeader
        title="Contacts"
        description="Everyone who wrote to your WhatsApp numbers, and everyone you added or imported."
        actions={
          admin ? (
            <a
              href={`/api/contacts/export${exportQuery.size > 0 ? `?${exportQuery}` : ''}`}
              download
              className="inline-flex items-center rounded-lg border border-line bg-surface px-3.5 py-2 text-sm font-medium hover:bg-canvas"
            >
              {search || tag ? 'Export these contacts (CSV)' : 'Export all contacts (CSV)'}
            </a>
          ) : undefined
        }
      />

      <div className="flex flex-col gap-6">
        {editId && (
          <Card title={editing ? `Edit ${editing.displayName}` : 'Edit contact'}>
            {editing ? <ContactForm key={editing.id} contact={editing} /> : <MissingContact />}
            <p className="mt-4 text-sm">
              <Link href={hrefWith(params, { edit: undefined })} className={LINK}>
                Close
              </Link>
            </p>
          </Card>
        )}

        {messageId && (
          <Card
            title={messaging ? `Write to ${messaging.displayName}` : 'Write to a contact'}
            description="Outside the 24-hour window WhatsApp only delivers approved templates; the conversation opens once it is sent."
          >
            {messaging ? <StartConversation contact={messaging} admin={admin} /> : <MissingContact />}
            <p className="mt-4 text-sm">
              <Link href={hrefWith(params, { message: undefined })} className={LINK}>
                Close
              </Link>
            </p>
          </Card>
        )}

        <Card title="All contacts">
          <form method="get" action="/dashboard/contacts" role="search" className="flex flex-wrap items-end gap-3">
            <div className="flex min-w-48 flex-[2] flex-col gap-1.5">
              <label htmlFor="contacts-search" className="text-sm font-medium">
                Search
              </label>
              <input
                id="contacts-search"
                name="search"
                type="search"
                defaultValue={search}
                placeholder="Name or number"
                className="rounded-lg border border-line bg-surface px-3 py-2 text-sm"
              />
            </div>
            <div className="flex min-w-36 flex-1 flex-col gap-1.5">
              <label htmlFor="contacts-tag" className="text-sm font-medium">
                Tag
              </label>
              <input
                id="contacts-tag"
                name="tag"
                defaultValue={tag}
                placeholder="vip"
                className="rounded-lg border border-line bg-surface px-3 py-2 text-sm"
              />
            </div>
            <Button type="submit">Filter</Button>
            {(search || tag) && (
              <Link href="/dashboard/contacts" className={`py-2 text-sm ${LINK}`}>
                Clear filters
              </Link>
            )}
          </form>

          <div className="mt-4">
            {page.data.length === 0 ? (
              <EmptyContacts filtered={Boolean(search || tag)} paged={Boolean(cursor)} />
            ) : (
              <ContactsTable contacts={page.data} params={params} />
            )}
          </div>
          <Pagination params={params} cursor={cursor} nextCursor={page.nextCursor} />
        </Card>

        <div className="grid gap-6 xl:grid-cols-2">
          <Card title="Add a contact" description="Customers who write to you are added on their own.">
            <ContactForm />
          </Card>
          {admin && (
            <Card title="Import contacts" description="Add or update many contacts at once from a spreadsheet.">
              <ImportPanel />
            </Card>
          )}
        </div>
      </div>
    </>
  );
}

function ContactsTable({ contacts, params }: { contacts: ContactDto[]; params: SearchParams }) {
  return (
    <div className="-mx-5 overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Contacts, newest first</caption>
        <thead className="border-b border-line text-xs tracking-wide text-ink-subtle uppercase">
          <tr>
            <th scope="col" className="px-5 py-2 font-medium">
              Contact
            </th>
            <th scope="col" className="px-3 py-2 font-medium">
              Tags
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium xl:table-cell">
              Attributes
            </th>
            <th scope="col" className="hidden px-3 py-2 font-medium xl:table-cell">
              Added
            </th>
            <th scope="col" className="px-5 py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-line">
          {contacts.map((contact) => (
            <tr key={contact.id} className="align-top" data-testid="contact-row">
              <td className="px-5 py-3">
                <p className="font-medium">{contact.displayName}</p>
                <p className="text-ink-muted tabular-nums">{formatPhoneNumber(contact.waId)}</p>
                {contact.optedOut && (
                  <p className="mt-1">
                    <StatusBadge tone="warning">Opted out</StatusBadge>
                  </p>
                )}
              </td>
              <td className="px-3 py-3">
                {contact.tags.length === 0 ? (
                  <span className="text-ink-subtle">None</span>
                ) : (
                  <ul className="flex flex-wrap gap-1" aria-label={`Tags of ${contact.displayName}`}>
                    {contact.tags.map((tag) => (
                      <li key={tag}>
                        <Link
                          href={hrefWith(params, { tag, cursor: undefined })}
                          className="inline-flex rounded-full bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-800 hover:underline"
                          aria-label={`Show contacts tagged ${tag}`}
                        >
                          {tag}
                        </Link>
                      </li>
                    ))}
                  </ul>
                )}
              </td>
              <td className="hidden px-3 py-3 text-ink-muted xl:table-cell">
                <Attributes attributes={contact.attributes} />
              </td>
              <td className="hidden px-3 py-3 whitespace-nowrap text-ink-muted xl:table-cell">
                {formatDateTime(contact.createdAt)}
              </td>
              <td className="px-5 py-3">
                <div className="flex flex-col items-start gap-1 whitespace-nowrap">
                  <Link
                    href={hrefWith(params, { edit: contact.id, message: undefined })}
                    className={LINK}
                    aria-label={`Edit ${contact.displayName}`}
                  >
                    Edit
                  </Link>
                  <Link
                    href={hrefWith(params, { message: contact.id, edit: undefined })}
                    className={LINK}
                    aria-label={`Send template to ${contact.displayName}`}
                  >
                    Send template
                  </Link>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Attributes({ attributes }: { attributes: Record<string, string> }) {
  const entries = Object.entries(attributes);
  if (entries.length === 0) return <span className="text-ink-subtle">None</span>;
  const shown = entries.slice(0, 3);
  return (
    <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-2 text-xs">
      {shown.map(([key, value]) => (
        <div key={key} className="contents">
          <dt className="font-medium text-ink">{key}</dt>
          <dd className="truncate">{value}</dd>
        </div>
      ))}
      {entries.length > shown.length && (
        <dd className="col-span-2 text-ink-subtle">and {entries.length - shown.length} more</dd>
      )}
    </dl>
  );
}

function EmptyContacts({ filtered, paged }: { filtered: boolean; paged: boolean }) {
  if (filtered || paged) {
    return (
      <p className="text-sm text-ink-muted">
        No contacts match these filters.{' '}
        <Link href="/dashboard/contacts" className={LINK}>
          Show all contacts
        </Link>
      </p>
    );
  }
  return (
    <div className="text-sm text-ink-muted">
      <p className="font-medium text-ink">No contacts yet.</p>
      <p className="mt-1">
        Customers who write to your WhatsApp numbers appear here on their own. You can also add a contact below or
        import a CSV file.
      </p>
    </div>
  );
}

function Pagination({
  params,
  cursor,
  nextCursor,
}: {
  params: SearchParams;
  cursor?: string;
  nextCursor: string | null;
}) {
  if (!cursor && !nextCursor) return null;
  return (
    <nav aria-label="Contact pages" className="mt-4 flex gap-4 text-sm">
      {cursor && (
        <Link href={hrefWith(params, { cursor: undefined })} className={LINK}>
          First page
        </Link>
      )}
      {nextCursor && (
        <Link href={hrefWith(params, { cursor: nextCursor })} className={LINK}>
          Next page
        </Link>
      )}
    </nav>
  );
}

function MissingContact() {
  return <FormAlert message="This contact no longer exists. It may have been deleted." />;
}

async function StartConversation({ contact, admin }: { contact: ContactDto; admin: boolean }) {
  const accounts = await listWhatsAppAccounts();
  if (accounts.length === 0) {
    return (
      <p className="text-sm text-ink-muted">
        Connect a WhatsApp number before writing to a contact.{' '}
        {admin ? (
          <Link href="/dashboard/whatsapp" className={LINK}>
            Connect a number
          </Link>
        ) : (
          'Ask an admin of your workspace to connect one.'
        )}
      </p>
    );
  }
  const numbers: NumberOption[] = await Promise.all(
    accounts.map(async (account) => {
      const templates = await listApprovedTemplates(account.id);
      return {
        id: account.id,
        label: `${account.verifiedName ? `${account.verifiedName} · ` : ''}${formatPhoneNumber(account.displayPhoneNumber)}`,
        templates: templates.available
          ? { available: true as const, list: templates.templates }
          : { available: false as const, message: templates.message },
      };
    }),
  );
  return (
    <>
      {contact.optedOut && (
        <FormAlert
          tone="info"
          className="mb-4"
          message={`${contact.displayName} opted out of marketing: only utility and authentication templates are delivered.`}
        />
      )}
      <StartConversationForm contactId={contact.id} numbers={numbers} />
    </>
  );
}
