import { type AiHandoffReason } from '@aerostic/shared';
import { DomainError } from '../common/http/domain-error';

/** A knowledge CSV that cannot be imported as a whole (rows are judged one by one). */
export class InvalidKnowledgeCsvError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(message: string) {
    super(message);
    this.fields = { file: message };
  }
}

export class KnowledgeTitleTakenError extends DomainError {
  readonly kind = 'conflict';
  override readonly fields = { title: 'An article with this title exists already: choose another title' };

  constructor() {
    super('An article with this title exists already: choose another title, or delete the other article first');
  }
}

/** Settings that cannot be saved as given; the field says what to change. */
export class InvalidAiSettingsError extends DomainError {
  readonly kind = 'invalid';
  override readonly fields: Record<string, string>;

  constructor(field: string, message: string) {
    super(`${field}: ${message}`);
    this.fields = { [field]: message };
  }
}

/** Nothing for the AI to answer: the customer has not written in the conversation. */
export class NothingToSuggestError extends DomainError {
  readonly kind = 'unprocessable';

  constructor() {
    super('The customer has not written in this conversation yet: there is nothing to reply to');
  }
}

const ADVICE: Record<AiHandoffReason, string> = {
  customer_asked_for_person: 'The customer asks for a person: write this reply yourself.',
  model_cannot_answer: 'The AI found nothing in the knowledge base to answer with: write this reply yourself.',
  ai_failed: 'The AI could not draft a reply',
  ai_disabled: 'AI replies are off',
};

/** The AI drafted no reply; the message says why in the agent's words. */
export class NoSuggestionError extends DomainError {
  readonly kind;
  override readonly errorName = 'no_suggestion';
  override readonly extra: { reason: AiHandoffReason };

  constructor(reason: AiHandoffReason, detail: string) {
    const advice = ADVICE[reason];
    super(reason === 'ai_failed' || reason === 'ai_disabled' ? `${advice}: ${detail}` : advice);
    // A provider failure may pass; the other reasons hold until something changes.
    this.kind = reason === 'ai_failed' ? ('unavailable' as const) : ('unprocessable' as const);
    this.extra = { reason };
  }
}
