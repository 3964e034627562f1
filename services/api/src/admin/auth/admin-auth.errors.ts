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

const TOTP_REQUIRED = 'Enter the 6-digit code from your authenticator app: this account signs in with one';
const TOTP_WRONG = 'This code is wrong, expired or already used: enter the current code from your authenticator app';

/** The password was right, and the account signs in with a one-time code too. */
export class TotpCodeRequiredError extends DomainError {
  readonly kind = 'unauthorized';
  override readonly fields = { totp: TOTP_REQUIRED };

  constructor() {
    super(TOTP_REQUIRED);
  }
}

export class WrongTotpCodeError extends DomainError {
  readonly kind = 'unauthorized';
  override readonly fields = { totp: TOTP_WRONG };

  constructor() {
    super(TOTP_WRONG);
  }
}

export class TotpAlreadyEnrolledError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('An authenticator app is already enrolled for this account');
  }
}

export class TotpEnrolmentNotStartedError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('No enrolment in progress: ask for a QR code first (POST /admin/auth/totp/enrol), then confirm its code');
  }
}

/** Confirming an enrolment with a code that does not match the key just handed out. */
export class WrongEnrolmentCodeError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = {
    code: 'This code does not match: scan the QR code again, then enter the code the app shows for Aerostic',
  };

  constructor() {
    super('This code does not match: scan the QR code again, then enter the code the app shows for Aerostic');
  }
}

export class AdminEmailTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { email: 'A platform admin with this email already exists' };

  constructor() {
    super('A platform admin with this email already exists');
  }
}
