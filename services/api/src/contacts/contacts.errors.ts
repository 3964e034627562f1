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
