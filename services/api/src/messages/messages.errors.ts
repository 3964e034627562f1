import { MARKETING_OPTED_OUT, type MarketingConsentSource } from '@aerostic/shared';
import { DomainError } from '../common/http/domain-error';

const OPTED_OUT_BY: Record<MarketingConsentSource, string> = {
  whatsapp: ' on WhatsApp',
  agent: ' (set by your team)',
  import: ' (set by a contacts import)',
  api: '',
};

export class WindowClosedError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super(
      'More than 24 hours have passed since the customer last wrote, so WhatsApp only accepts an approved template now: send a template instead',
    );
  }
}

export class NumberNotConnectedError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super('The WhatsApp number of this conversation is no longer connected: reconnect it on the WhatsApp page');
  }
}

export class TokenInvalidError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super('Meta no longer accepts the access token of this WhatsApp number: reconnect it on the WhatsApp page');
  }
}

export class TemplateNotApprovedError extends DomainError {
  readonly kind = 'unprocessable';
  override readonly fields = { 'template.name': 'No approved template has this name and language' };

  constructor(name: string, language: string) {
    super(`The template "${name}" (${language}) is not approved by Meta, so it cannot be sent`);
  }
}

/** 422 with `error: 'marketing_opted_out'`, so that clients can tell it from the other refusals. */
export class OptedOutError extends DomainError {
  readonly kind = 'unprocessable';
  override readonly errorName = MARKETING_OPTED_OUT;
  override readonly fields = { 'template.name': 'A marketing template; this contact opted out of marketing' };

  constructor(source: MarketingConsentSource | null) {
    super(
      `This contact opted out of marketing messages${OPTED_OUT_BY[source ?? 'agent']}: marketing templates are not ` +
        'sent to them. Send a utility template, or reply once they write again',
    );
  }
}

export class ReferencedMessageError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(field: string) {
    super(`${field} must be a message of this conversation that reached WhatsApp`);
    this.fields = { [field]: 'Not a message of this conversation known to WhatsApp' };
  }
}

export class NotQueuedError extends DomainError {
  readonly kind = 'unavailable';

  constructor() {
    super('The message could not be queued for sending right now; it was marked failed, try again in a moment');
  }
}

export class IdempotencyKeyError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { 'Idempotency-Key': 'Use 1 to 200 letters, digits, dots, colons, dashes or underscores' };

  constructor() {
    super('The Idempotency-Key header must be 1 to 200 letters, digits, dots, colons, dashes or underscores');
  }
}

/** An automated message over the workspace's cap for the conversation (docs/adr/0119): nothing is sent. */
export class AutomatedCapReachedError extends DomainError {
  readonly kind = 'rate_limited';

  constructor(readonly cap: number) {
    super(
      `This conversation already received ${cap} automated message${cap === 1 ? '' : 's'} in the last hour, the workspace's cap`,
    );
  }
}
