/** What went wrong, in domain terms; the exception filter alone turns a kind into an HTTP status. */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'gone'
  | 'unprocessable'
  | 'rate_limited'
  | 'unavailable'
  | 'too_large'
  | 'unsupported_type'
  | 'limit_reached';

export abstract class DomainError extends Error {
  abstract readonly kind: DomainErrorKind;
  /** Field name → message, for errors about one input. */
  readonly fields?: Record<string, string>;
  /** Seconds after which a rate-limited caller may try again. */
  readonly retryAfterSeconds?: number;
  /** A machine-readable name answered as the body's `error` in place of the status's reason phrase. */
  readonly errorName?: string;
  /** Further members of the answer's body; they never replace the usual ones (statusCode, error, message, ...). */
  readonly extra?: Readonly<Record<string, unknown>>;

  constructor(message: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** A resource that does not exist, or belongs to another tenant: both answer the same 404. */
export class NotFoundError extends DomainError {
  readonly kind = 'not_found';

  constructor(what: string) {
    super(`${what} not found`);
  }
}

export class InvalidCursorError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { cursor: 'Invalid cursor: pass the nextCursor of a previous page' };

  constructor() {
    super('Invalid cursor: pass the nextCursor of a previous page');
  }
}
