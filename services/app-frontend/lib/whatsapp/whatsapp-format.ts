import { type TokenStatus, UNNAMED_CONTACT, type WhatsAppAccountDto } from '@aerostic/shared';
import { formatDateTime } from '@/lib/format';

/** How a connected number's facts read on the page; Meta's codes (GREEN, TIER_1K) mean little to people. */

export type BadgeTone = 'brand' | 'neutral' | 'success' | 'warning' | 'danger';

export interface Described {
  label: string;
  tone: BadgeTone;
  /** One sentence on what it means for the business. */
  hint?: string;
}

/** The API stores E.164 digits without `+`; people read numbers with it. */
export function formatPhoneNumber(digits: string): string {
  const clean = digits.replace(/\D/g, '');
  return clean ? `+${clean}` : 'Number not reported';
}

/**
 * How the dashboard names a customer beside their name: the phone number, else their WhatsApp username, else
 * "WhatsApp user" for a customer known only by a user id (docs/adr/0113).
 */
export function contactHandle(contact: { waId: string | null; username: string | null }): string {
  if (contact.waId) return formatPhoneNumber(contact.waId);
  return contact.username ?? UNNAMED_CONTACT;
}

const QUALITY: Record<string, Described> = {
  GREEN: { label: 'High', tone: 'success', hint: 'Customers are happy with your messages.' },
  YELLOW: {
    label: 'Medium',
    tone: 'warning',
    hint: 'Some customers blocked or reported your messages; review what you send.',
  },
  RED: {
    label: 'Low',
    tone: 'danger',
    hint: 'Meta may lower your messaging limit or restrict the number if quality stays low.',
  },
};

export function describeQuality(rating: string | null): Described {
  const known = rating ? QUALITY[rating.toUpperCase()] : undefined;
  return known ?? { label: 'Not rated yet', tone: 'neutral', hint: 'Meta rates a number once it has sent messages.' };
}

const TIER_CUSTOMERS: Record<string, string> = {
  TIER_50: '50',
  TIER_250: '250',
  TIER_1K: '1,000',
  TIER_2K: '2,000',
  TIER_10K: '10,000',
  TIER_100K: '100,000',
};

/** Meta's messaging limit: how many customers the business may start conversations with in 24 hours. */
export function describeMessagingLimit(tier: string | null): string {
  if (!tier) return 'Not reported yet';
  const upper = tier.toUpperCase();
  if (upper === 'TIER_UNLIMITED') return 'Unlimited';
  const customers = TIER_CUSTOMERS[upper];
  return customers ? `${customers} customers / 24 h` : tier;
}

export function describeThroughput(messagesPerSecond: number, level: string): string {
  const perSecond = `${messagesPerSecond.toLocaleString('en-GB')} messages/s`;
  return level.toUpperCase() === 'HIGH' ? `${perSecond} (high)` : `${perSecond} (standard)`;
}

export function describeAccountStatus(status: 'connected' | 'disconnected'): Described {
  return status === 'connected'
    ? { label: 'Connected', tone: 'success' }
    : { label: 'Disconnected', tone: 'neutral', hint: 'Messages to this number no longer reach Aerostic.' };
}

const META_STATUS: Record<string, Described> = {
  CONNECTED: { label: 'In good standing', tone: 'success' },
  FLAGGED: {
    label: 'Flagged for low quality',
    tone: 'warning',
    hint: 'Meta lowers this number’s messaging limit unless its quality improves within 7 days. Send fewer, more relevant messages.',
  },
  RESTRICTED: {
    label: 'Restricted by Meta',
    tone: 'danger',
    hint: 'Meta limits what this number may send for a while. Messages Meta refuses are marked failed in the inbox.',
  },
  POLICY_VIOLATION: {
    label: 'Policy violation',
    tone: 'danger',
    hint: 'Meta found messages against its policies; further violations lead to restrictions. Check Meta Business Suite.',
  },
  BAN_SCHEDULED: {
    label: 'Ban scheduled',
    tone: 'danger',
    hint: 'Meta will disable this business account. Appeal in Meta Business Suite before the date.',
  },
  BANNED: {
    label: 'Banned by Meta',
    tone: 'danger',
    hint: 'Meta disabled this business account: nothing can be sent from its numbers. Appeal in Meta Business Suite.',
  },
};

/** Meta's verdict on the number or its business account (from Meta's webhooks and checks). */
export function describeMetaStatus(metaStatus: string | null): Described {
  if (!metaStatus) return { label: 'Not reported yet', tone: 'neutral' };
  return META_STATUS[metaStatus.toUpperCase()] ?? { label: metaStatus, tone: 'warning' };
}

export function describeTokenStatus(tokenStatus: TokenStatus): Described {
  switch (tokenStatus) {
    case 'valid':
      return { label: 'Valid', tone: 'success' };
    case 'expiring':
      return {
        label: 'Expires soon',
        tone: 'warning',
        hint: 'Meta will stop accepting Aerostic’s access to this number soon. Click "Connect WhatsApp number" and choose this number again to renew it.',
      };
    case 'unknown':
      return { label: 'Not checked', tone: 'neutral', hint: 'Aerostic could not ask Meta about this token yet.' };
    case 'invalid':
      return {
        label: 'Needs reconnecting',
        tone: 'danger',
        hint: 'Meta no longer accepts Aerostic’s access to this number (it was removed or expired), so replies cannot be sent. Click "Connect WhatsApp number" and choose this number again to restore it.',
      };
  }
}

const RECONNECT = 'Click "Connect WhatsApp number" above and choose this number again';

export interface TokenWarning {
  tone: 'warning' | 'danger';
  title: string;
  /** What it means and what to do. */
  text: string;
}

/** The warning a number's card shows while its token needs the business to act; null while all is well. */
export function tokenWarning(account: Pick<WhatsAppAccountDto, 'tokenStatus' | 'tokenExpiresAt'>): TokenWarning | null {
  switch (account.tokenStatus) {
    case 'invalid':
      return {
        tone: 'danger',
        title: 'Replies cannot be sent from this number',
        text: `Meta no longer accepts Aerostic’s access to this number (it was removed or expired). ${RECONNECT} to restore it.`,
      };
    case 'expiring': {
      const when = account.tokenExpiresAt ? `on ${formatDateTime(account.tokenExpiresAt)}` : 'within a few days';
      return {
        tone: 'warning',
        title: `Aerostic’s access to this number expires ${when}`,
        text: `Messages go out as usual until then; after that, replies cannot be sent. ${RECONNECT} to renew it before it expires.`,
      };
    }
    default:
      return null;
  }
}
