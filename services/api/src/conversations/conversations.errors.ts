import { DomainError } from '../common/http/domain-error';

export class AssigneeNotFoundError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { assigneeId: 'No active member of this workspace has this id' };

  constructor() {
    super('No active member of this workspace has this id');
  }
}

export class TeamNotFoundError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { teamId: 'No team of this workspace has this id' };

  constructor() {
    super('No team of this workspace has this id');
  }
}
