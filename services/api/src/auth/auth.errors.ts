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

/** A password reset or verification link that is unknown, used, or past its time: one answer for all three. */
export class EmailLinkInvalidError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(what: 'reset' | 'verification') {
    const message =
      what === 'reset'
        ? 'This password reset link is invalid, was already used, or has expired: ask for a new one'
        : 'This verification link is invalid, was already used, or has expired: send a new one from the dashboard';
    super(message);
    this.fields = { token: message };
  }
}

/** Connecting a number waits for the admin's address to be confirmed (docs/adr/0159). */
export class EmailNotVerifiedError extends DomainError {
  readonly kind = 'forbidden';
  override readonly errorName = 'email_not_verified';

  constructor() {
    super(
      'Confirm your email address before connecting a WhatsApp number: open the link we emailed you, or send it again',
    );
  }
}

/** The workspace's admin turned password sign-in off (auth/microsoft settings). */
export class PasswordSignInDisabledError extends DomainError {
  readonly kind = 'forbidden';

  constructor() {
    super('Password sign-in is turned off for this workspace: sign in with Microsoft');
  }
}
