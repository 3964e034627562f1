import { DomainError } from '../common/http/domain-error';

/** A rule that the schema accepted but the workspace cannot run as written: each field says what to change. */
export class InvalidAutomationRuleError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(fields: Record<string, string>) {
    super(
      `Validation failed: ${Object.entries(fields)
        .map(([field, message]) => `${field}: ${message}`)
        .join('; ')}`,
    );
    this.fields = fields;
  }
}
