import { Injectable } from '@nestjs/common';
import { type MetaRateDto } from '@aerostic/shared';
import { marketOf, OTHER_MARKET } from './meta-markets';
import { MetaRateRepository } from './meta-rate.repository';

/** Another instance's change of the card reaches this one's cost estimates within this time. */
const CARD_TTL_MS = 60_000;

/** Meta's rate card and each priced message's estimated cost (docs/adr/0128). */
@Injectable()
export class MetaRatesService {
  private card: { rates: Map<string, number>; until: number } | null = null;

  constructor(private readonly rates: MetaRateRepository) {}

  list(): Promise<MetaRateDto[]> {
    return this.rates.list();
  }

  /** Inside the caller's transaction: the card before, replaced by `rates`. */
  async replace(rates: readonly MetaRateDto[]): Promise<MetaRateDto[]> {
    const before = await this.rates.list(true);
    await this.rates.replace(rates);
    this.card = null;
    return before;
  }

  /**
   * What one billable message of Meta's pricing `category` to this customer costs: the rate of the customer's market,
   * else of OTHER; 0 for a category the card does not price.
   */
  async costOf(customerWaId: string | null | undefined, category: string | null): Promise<number> {
    if (!category) return 0;
    const rates = await this.current();
    const key = (market: string) => `${market}/${category.toLowerCase()}`;
    return rates.get(key(marketOf(customerWaId))) ?? rates.get(key(OTHER_MARKET)) ?? 0;
  }

  private async current(): Promise<Map<string, number>> {
    if (this.card && this.card.until > Date.now()) return this.card.rates;
    const rates = new Map((await this.rates.list()).map((r) => [`${r.market}/${r.category}`, r.rateMicros]));
    this.card = { rates, until: Date.now() + CARD_TTL_MS };
    return rates;
  }
}
