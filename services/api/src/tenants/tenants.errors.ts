import { DomainError } from '../common/http/domain-error';

export class TenantAlreadySuspendedError extends DomainError {
  readonly kind = 'conflict';

  constructor(since: Date | null) {
    super(
      `This workspace is already suspended${since ? ` (since ${since.toISOString()})` : ''}: ` +
        'reactivate it first to suspend it again with another reason',
    );
  }
}

export class TenantNotSuspendedError extends DomainError {
  readonly kind = 'conflict';

  constructor() {
    super('This workspace is active: only a suspended workspace can be reactivated');
  }
}
