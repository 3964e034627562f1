import { type CampaignMissingVariable, type CampaignStatus } from '@aerostic/shared';
import { DomainError } from '../common/http/domain-error';

/** A campaign that cannot be created as asked: the field named says what to change. */
export class InvalidCampaignError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.fields = { [field]: message };
  }
}

/** Some recipients to be sent have no value for a parameter: nothing is sent with an empty value. */
export class MissingVariablesError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;
  override readonly extra: { missing: CampaignMissingVariable[] };

  constructor(missing: CampaignMissingVariable[]) {
    const describe = (m: CampaignMissingVariable) => {
      const names = m.examples.map((e) => e.displayName).join(', ');
      const more = m.recipients > m.examples.length ? ` and ${m.recipients - m.examples.length} more` : '';
      return `{{${m.parameter}}} has no value for ${m.recipients} recipient${m.recipients === 1 ? '' : 's'} (${names}${more})`;
    };
    super(`${missing.map(describe).join('; ')}: fill in those contacts, map another field or use a fixed text`);
    this.fields = Object.fromEntries(missing.map((m) => [`template.variables.${m.parameter}`, describe(m)]));
    this.extra = { missing };
  }
}

/** Pause, resume or cancel from a status that does not allow it. */
export class CampaignTransitionError extends DomainError {
  readonly kind = 'conflict';

  constructor(action: 'pause' | 'resume' | 'cancel', status: CampaignStatus) {
    const allowed = {
      pause: 'only a running or scheduled campaign can be paused',
      resume: 'only a paused campaign can be resumed',
      cancel: 'only a scheduled, running or paused campaign can be cancelled',
    }[action];
    super(`The campaign is ${status}: ${allowed}`);
  }
}
