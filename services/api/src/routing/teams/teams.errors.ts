import { DomainError } from '../../common/http/domain-error';

export class TeamNameTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { name: 'This workspace already has a team with this name' };

  constructor() {
    super('This workspace already has a team with this name');
  }
}

export class TeamMembersNotFoundError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields = { memberIds: 'Every member must be an active member of this workspace' };

  constructor() {
    super('Every member must be an active member of this workspace');
  }
}
