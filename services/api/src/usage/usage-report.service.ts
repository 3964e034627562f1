import { Injectable } from '@nestjs/common';
import {
  LIMIT_NAMES,
  type LimitName,
  type MetaCostDto,
  type UsageCounts,
  type UsageQuery,
  type UsageReportDto,
} from '@aerostic/shared';
import { CampaignsService } from '../campaigns/campaigns.service';
import { NotFoundError } from '../common/http/domain-error';
import { ContactsService } from '../contacts/contacts.service';
import { LimitsService } from '../limits/limits.service';
import { UserAccountsService } from '../users/user-accounts.service';
import { WhatsAppAccountsService } from '../whatsapp/whatsapp-accounts.service';
import { datesBetween } from './usage-rebuild.service';
import { type StatsGroup, UsageStatsRepository } from './usage-stats.repository';
import { UsageService } from './usage.service';

const cost = (amountMicros: number): MetaCostDto => ({ currency: 'USD', amountMicros });

function emptyCounts(): UsageCounts & { metaCostMicros: number } {
  return {
    messagesIn: 0,
    messagesOut: 0,
    byType: {},
    templatesByCategory: {},
    campaignRecipients: 0,
    aiReplies: 0,
    aiPromptTokens: 0,
    aiCompletionTokens: 0,
    activeAgents: 0,
    metaCostMicros: 0,
  };
}

/** Adds one group of rollups to a day's or the range's counts. */
function add(counts: UsageCounts & { metaCostMicros: number }, g: StatsGroup): void {
  const outbound = g.direction === 'outbound';
  if (outbound) counts.messagesOut += g.messages;
  else counts.messagesIn += g.messages;
  const byType = (counts.byType[g.messageType] ??= { in: 0, out: 0 });
  if (outbound) byType.out += g.messages;
  else byType.in += g.messages;
  if (outbound && g.messageType === 'template' && g.templateCategory !== '')
    counts.templatesByCategory[g.templateCategory] = (counts.templatesByCategory[g.templateCategory] ?? 0) + g.messages;
  if (outbound && g.automatedBy === 'campaign') counts.campaignRecipients += g.messages;
  if (outbound && g.automatedBy === 'ai') counts.aiReplies += g.messages;
  counts.aiPromptTokens += g.aiPromptTokens;
  counts.aiCompletionTokens += g.aiCompletionTokens;
  counts.metaCostMicros += g.metaCostMicros;
}

/** `GET /billing/usage`: a tenant's usage and Meta cost by day, from the rollups alone (docs/adr/0127). */
@Injectable()
export class UsageReportService {
  constructor(
    private readonly stats: UsageStatsRepository,
    private readonly usage: UsageService,
    private readonly limits: LimitsService,
    private readonly users: UserAccountsService,
    private readonly numbers: WhatsAppAccountsService,
    private readonly contacts: ContactsService,
    private readonly campaigns: CampaignsService,
  ) {}

  async report(tenantId: string, { from, to }: UsageQuery): Promise<UsageReportDto> {
    const clock = await this.stats.tenantDay(tenantId);
    if (!clock) throw new NotFoundError('Workspace');
    const [groups, agents, quotas] = await Promise.all([
      this.stats.groups(tenantId, from, to),
      this.stats.agentsByDay(tenantId, from, to),
      this.quotas(tenantId),
    ]);

    const days = new Map(datesBetween(from, to).map((date) => [date, emptyCounts()]));
    const totals = emptyCounts();
    const byCategory = new Map<string, number>();
    const byNumber = new Map<string, number>();
    for (const g of groups) {
      const day = days.get(g.day);
      if (day) add(day, g);
      add(totals, g);
      if (g.pricingCategory !== '')
        byCategory.set(g.pricingCategory, (byCategory.get(g.pricingCategory) ?? 0) + g.metaCostMicros);
      if (g.direction === 'outbound')
        byNumber.set(g.whatsappAccountId, (byNumber.get(g.whatsappAccountId) ?? 0) + g.metaCostMicros);
    }
    for (const { day } of agents) {
      const counts = days.get(day);
      if (counts) counts.activeAgents++;
    }
    totals.activeAgents = new Set(agents.map((a) => a.agentId)).size;

    const names = await this.stats.numberNames(tenantId, [...byNumber.keys()]);
    const dto = ({ metaCostMicros, ...counts }: UsageCounts & { metaCostMicros: number }) => ({
      ...counts,
      metaCost: cost(metaCostMicros),
    });
    return {
      from,
      to,
      timeZone: clock.timeZone,
      days: [...days].map(([date, counts]) => ({ date, ...dto(counts) })),
      totals: dto(totals),
      metaCostByCategory: Object.fromEntries([...byCategory].map(([category, micros]) => [category, cost(micros)])),
      metaCostByNumber: [...byNumber].map(([whatsappAccountId, micros]) => ({
        whatsappAccountId,
        displayPhoneNumber: names.get(whatsappAccountId) ?? null,
        metaCost: cost(micros),
      })),
      quotas,
    };
  }

  /** This calendar month's usage (tenant time zone) against the tenant's effective limits. */
  private async quotas(tenantId: string): Promise<UsageReportDto['quotas']> {
    const [{ effective }, used] = await Promise.all([this.limits.forTenant(tenantId), this.used(tenantId)]);
    return LIMIT_NAMES.map((name) => ({ name, used: used[name], max: effective[name] }));
  }

  /** What each limit counts, as its check counts it. */
  private async used(tenantId: string): Promise<Record<LimitName, number>> {
    const [agents, whatsappNumbers, contacts, month, campaignRecipientsPerMonth] = await Promise.all([
      this.users.countSeats(tenantId),
      this.numbers.countConnected(tenantId),
      this.contacts.count(tenantId),
      this.usage.monthToDate(tenantId),
      this.campaigns.countRecipientsThisMonth(tenantId),
    ]);
    return {
      agents,
      whatsappNumbers,
      contacts,
      outboundMessagesPerMonth: month.outbound,
      campaignRecipientsPerMonth,
      aiRepliesPerMonth: month.aiReplies,
    };
  }
}
