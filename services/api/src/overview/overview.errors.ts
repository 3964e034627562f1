import { DomainError } from '../common/http/domain-error';

/** A name the runtime accepts as a time zone but PostgreSQL does not know (their lists differ on a few aliases). */
export class UnknownTimeZoneError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(timeZone: string) {
    const message = `The time zone "${timeZone}" is not known here; use a name such as Europe/Lisbon or UTC`;
    super(message);
    this.fields = { timeZone: message };
  }
}
