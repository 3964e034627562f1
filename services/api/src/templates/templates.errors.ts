import { DomainError } from '../common/http/domain-error';

export class TemplateExistsError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields: Record<string, string>;

  constructor(name: string, language: string) {
    const message = `A template named "${name}" in ${language} already exists in this WhatsApp Business Account`;
    super(`${message}: choose another name, or another language`);
    this.fields = { name: message };
  }
}

/** The body names a number that is not the tenant's, or no longer connected. */
export class TemplateAccountNotFoundError extends DomainError {
  readonly kind = 'not_found';
  override readonly fields = {
    whatsappAccountId: 'No connected WhatsApp number of this workspace has this id',
  };

  constructor() {
    super('WhatsApp number not found: choose one of the connected numbers');
  }
}

/** Templates live at Meta: without a connected number of their business account, Aerostic cannot reach them. */
export class TemplateAccountDisconnectedError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super(
      'No connected WhatsApp number uses this template’s business account any more: connect one of its numbers again to manage its templates',
    );
  }
}

export class NoConnectedNumberError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super('Connect a WhatsApp number first: templates belong to the business account of a connected number');
  }
}
