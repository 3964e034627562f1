import Link from 'next/link';
import type { ContactDto } from '@aerostic/shared';
import { StatusBadge } from '@/components/status-badge';
import { consentBadge, consentDetail } from '@/lib/contacts/marketing-consent';
import { formatDateTime } from '@/lib/format';
import { contactHandle } from '@/lib/whatsapp/whatsapp-format';
import { LINK, type SearchParams, hrefWith } from './contacts-url';

/** The contacts of one page, with their tags (each a link to that tag's contacts) and the row's actions. */
export function ContactsTable({ contacts, params }: { contacts: ContactDto[]; params: SearchParams }) {
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
                <p className="text-ink-muted tabular-nums">{contactHandle(contact)}</p>
                {contact.marketingConsent !== 'unknown' && (
                  <p className="mt-1" title={consentDetail(contact)}>
                    <StatusBadge tone={consentBadge(contact).tone}>{consentBadge(contact).label}</StatusBadge>
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
