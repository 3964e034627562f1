import { DomainError } from '../common/http/domain-error';

/** An unknown, malformed or revoked key: the same answer for each, so keys cannot be probed. */
export class ApiKeyInvalidError extends DomainError {
  readonly kind = 'unauthorized';

  constructor() {
    super('This API key is invalid or was revoked');
  }
}

/** A route outside the public API, or one whose scope the key lacks. */
export class ApiKeyForbiddenError extends DomainError {
  readonly kind = 'forbidden';

  constructor(reason: string) {
    super(reason);
  }
}

export class ApiKeyRateLimitedError extends DomainError {
  readonly kind = 'rate_limited';

  constructor(override readonly retryAfterSeconds: number) {
    super(`Too many requests with this API key. Try again in ${retryAfterSeconds} second(s).`);
  }
}
