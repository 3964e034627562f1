import { DomainError } from '../../common/http/domain-error';

export class LastSuperAdminError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('The platform must keep at least one active super admin: make another admin super admin first');
  }
}

export class CannotDeactivateSelfError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('You cannot deactivate your own admin account; ask another super admin');
  }
}
