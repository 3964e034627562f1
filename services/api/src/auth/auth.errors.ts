import { DomainError } from '../common/http/domain-error';

/** Same answer for an unknown email and a wrong password, so accounts cannot be discovered. */
export class InvalidCredentialsError extends DomainError {
  readonly kind = 'unauthorized';

  constructor() {
    super('Invalid email or password');
  }
}

export class AuthenticationRequiredError extends DomainError {
  readonly kind = 'unauthorized';

  constructor(reason = 'Sign in to continue: the request has no valid access token') {
    super(reason);
  }
}

/** The token predates a change of the account's token version (a password change): a newer token replaced it. */
export class SessionReplacedError extends AuthenticationRequiredError {
  constructor() {
    super('Your session is no longer valid: sign in again');
  }
}

export class WorkspaceSuspendedError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('This workspace is suspended. Contact Aerostic support to restore access.');
  }
}

export class AccountDeactivatedError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('This account has been deactivated by a workspace admin');
  }
}

export class RoleRequiredError extends DomainError {
  readonly kind = 'forbidden';

  constructor(roles: readonly string[]) {
    super(`This action needs the ${roles.join(' or ')} role`);
  }
}

export class EmailTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { email: 'An account with this email already exists: sign in instead' };

  constructor() {
    super('An account with this email already exists: sign in instead');
  }
}

export class TooManyAttemptsError extends DomainError {
  readonly kind = 'rate_limited';

  constructor(
    override readonly retryAfterSeconds: number,
    attempts = 'failed sign-in attempts',
  ) {
    super(`Too many ${attempts}. Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

export class InvitationInvalidError extends DomainError {
  readonly kind = 'not_found';

  constructor() {
    super('This invitation link is invalid, was already used, or has expired: ask an admin for a new one');
  }
}

export class WrongCurrentPasswordError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { currentPassword: 'The current password is not correct' };

  constructor() {
    super('The current password is not correct');
  }
}

/** The workspace's admin turned password sign-in off (auth/microsoft settings). */
export class PasswordSignInDisabledError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('Password sign-in is turned off for this workspace: sign in with Microsoft');
  }
}
