import type { Metadata } from 'next';
import Link from 'next/link';
import { Button } from '@/components/button';
import { Card } from '@/components/card';
import { FormAlert } from '@/components/form-alert';
import { PageHeader } from '@/components/page-header';
import { findContact, listContacts } from '@/lib/contacts/contacts-api';
import { getSession, isAdmin } from '@/lib/session/session';
import { ContactForm } from './contact-form';
import { ContactsTable } from './contacts-table';
import { LINK, type SearchParams, hrefWith, param } from './contacts-url';
import { ImportPanel } from './import-panel';
import { StartConversation } from './start-conversation';

export const metadata: Metadata = { title: 'Contacts' };

const CONTACTS_PER_PAGE = 25;

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
