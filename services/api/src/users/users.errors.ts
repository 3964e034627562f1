import { DomainError } from '../common/http/domain-error';

export class LastAdminError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('A workspace must keep at least one active admin: make another member admin first');
  }
}

export class CannotDeactivateSelfError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('You cannot deactivate your own account; ask another admin');
  }
}

export class EmailAlreadyMemberError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { email: 'Someone with this email already has an Aerostic account' };

  constructor() {
    super('Someone with this email already has an Aerostic account');
  }
}
