import { DomainError } from '../common/http/domain-error';

/** An error answered by Meta's Graph API, with Meta's code and reason. */
export class GraphApiError extends DomainError {
  readonly kind = 'unprocessable';

  constructor(
    readonly code: number,
    readonly title: string,
    readonly details: string | null,
    readonly httpStatus: number,
  ) {
    super(`Meta answered (#${code}) ${title}${details ? `: ${details}` : ''}`);
  }
}

export class WhatsAppNotConfiguredError extends DomainError {
  readonly kind = 'unavailable';

  constructor() {
    super('WhatsApp is not configured on this server: META_APP_ID and META_APP_SECRET must be set');
  }
}

export class WabaNotGrantedError extends DomainError {
  readonly kind = 'forbidden';
  override readonly fields = { wabaId: 'This WhatsApp Business Account was not shared with Aerostic during sign-up' };

  constructor() {
    super(
      'The WhatsApp Business Account you chose was not shared with Aerostic during sign-up: run the sign-up again and select it',
    );
  }
}

export class NumberNotInWabaError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { phoneNumberId: 'This phone number does not belong to the WhatsApp Business Account' };

  constructor() {
    super('This phone number does not belong to the WhatsApp Business Account');
  }
}

export class NumberConnectedElsewhereError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { phoneNumberId: 'This number is already connected to another Aerostic workspace' };

  constructor() {
    super('This WhatsApp number is already connected to another Aerostic workspace: disconnect it there first');
  }
}
