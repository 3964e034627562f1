import { DomainError } from '../../common/http/domain-error';

export class AdminDeactivatedError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('This admin account has been deactivated');
  }
}

/** Production admins must enrol an authenticator app before anything else. */
export class TotpEnrolmentRequiredError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('Enrol an authenticator app first: every admin signs in with a one-time code');
  }
}
