import { DomainError } from '../common/http/domain-error';

export class ContactExistsError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { waId: 'A contact with this phone number already exists' };

  constructor() {
    super('A contact with this phone number already exists');
  }
}

/** The import body is not a CSV text, or the file as a whole cannot be imported (rows are judged one by one). */
export class InvalidContactsCsvError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(message: string) {
    super(message);
    this.fields = { file: message };
  }
}

/** A first conversation needs a number that can send; the contact's existing conversations stay readable. */
export class NumberDisconnectedError extends DomainError {
  readonly kind = 'unprocessable';
  override readonly fields = {
    whatsappAccountId: 'This WhatsApp number is disconnected. Connect it again, or choose another number',
  };

  constructor() {
    super('This WhatsApp number is disconnected. Connect it again on the WhatsApp page, or choose another number.');
  }
}
