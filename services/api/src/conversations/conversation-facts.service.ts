import { Injectable } from '@nestjs/common';
import { Transactions } from '../database/sql';
import { ConversationFactsRepository, type FactRange } from './conversation-facts.repository';

export type { FactRange } from './conversation-facts.repository';

/** Conversation facts' upkeep: the rebuild of a day range (`npm run analytics:rebuild-facts`). */
@Injectable()
export class ConversationFactsService {
  constructor(
    private readonly facts: ConversationFactsRepository,
    private readonly transactions: Transactions,
  ) {}

  /** Recomputes the range's facts in one transaction, so readers see the old or the new ones; idempotent. */
  rebuild(range: FactRange): Promise<number> {
    return this.transactions.run(() => this.facts.rebuild(range));
  }
}
