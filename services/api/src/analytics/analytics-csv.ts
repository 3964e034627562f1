import {
  type AnalyticsAgentDto,
  type AnalyticsCampaignDto,
  type AnalyticsDayDto,
  type AnalyticsNumberDto,
  type AnalyticsSummaryDto,
  type AnalyticsTemplateDto,
} from '@aerostic/shared';
import { formatCsvRecord, guardFormula } from '../contacts/csv';

/** What each analytics report answers, by its route's name. */
export interface AnalyticsReports {
  summary: AnalyticsSummaryDto;
  daily: AnalyticsDayDto[];
  agents: AnalyticsAgentDto[];
  numbers: AnalyticsNumberDto[];
  templates: AnalyticsTemplateDto[];
  campaigns: AnalyticsCampaignDto[];
}
export type AnalyticsReport = keyof AnalyticsReports;

type Row<K extends AnalyticsReport> = AnalyticsReports[K] extends (infer R)[] ? R : AnalyticsReports[K];
type Columns<K extends AnalyticsReport> = ReadonlyArray<readonly [string, (row: Row<K>) => string | number | null]>;

const cell = (value: string | number | null): string => (value === null ? '' : guardFormula(String(value)));

/** Each report's CSV columns: the JSON's fields, percentiles flattened, names guarded against formulas. */
const COLUMNS: { [K in AnalyticsReport]: Columns<K> } = {
  summary: [
    ['messages_in', (r) => r.messagesIn],
    ['messages_out', (r) => r.messagesOut],
    ['delivered', (r) => r.delivered],
    ['read', (r) => r.read],
    ['failed', (r) => r.failed],
    ['conversations_opened', (r) => r.conversationsOpened],
    ['conversations_resolved', (r) => r.conversationsResolved],
    ['first_response_median_seconds', (r) => r.firstResponseSeconds.median],
    ['first_response_p90_seconds', (r) => r.firstResponseSeconds.p90],
    ['resolution_median_seconds', (r) => r.resolutionSeconds.median],
    ['resolution_p90_seconds', (r) => r.resolutionSeconds.p90],
  ],
  daily: [
    ['date', (r) => r.date],
    ['messages_in', (r) => r.messagesIn],
    ['messages_out', (r) => r.messagesOut],
    ['delivered', (r) => r.delivered],
    ['read', (r) => r.read],
    ['failed', (r) => r.failed],
    ['conversations_opened', (r) => r.conversationsOpened],
    ['conversations_resolved', (r) => r.conversationsResolved],
    ['meta_cost_micros', (r) => r.metaCostMicros],
  ],
  agents: [
    ['user_id', (r) => r.userId],
    ['name', (r) => r.name],
    ['conversations', (r) => r.conversations],
    ['replies', (r) => r.replies],
    ['first_response_median_seconds', (r) => r.firstResponseSeconds.median],
    ['first_response_p90_seconds', (r) => r.firstResponseSeconds.p90],
    ['resolved', (r) => r.resolved],
  ],
  numbers: [
    ['whatsapp_account_id', (r) => r.whatsappAccountId],
    ['display_phone_number', (r) => r.displayPhoneNumber],
    ['messages_in', (r) => r.messagesIn],
    ['messages_out', (r) => r.messagesOut],
    ['delivered', (r) => r.delivered],
    ['read', (r) => r.read],
    ['failed', (r) => r.failed],
    ['meta_cost_micros', (r) => r.metaCostMicros],
  ],
  templates: [
    ['name', (r) => r.name],
    ['language', (r) => r.language],
    ['category', (r) => r.category],
    ['sent', (r) => r.sent],
    ['delivered', (r) => r.delivered],
    ['read', (r) => r.read],
    ['replied', (r) => r.replied],
    ['read_rate', (r) => r.readRate],
    ['reply_rate', (r) => r.replyRate],
  ],
  campaigns: [
    ['campaign_id', (r) => r.campaignId],
    ['name', (r) => r.name],
    ['started_at', (r) => r.startedAt],
    ['recipients', (r) => r.recipients],
    ['sent', (r) => r.sent],
    ['delivered', (r) => r.delivered],
    ['read', (r) => r.read],
    ['replied', (r) => r.replied],
    ['failed', (r) => r.failed],
  ],
};

/** A report as CSV: a header row, then one record per row (the summary is one record). */
export function reportCsv<K extends AnalyticsReport>(report: K, data: AnalyticsReports[K]): string {
  const columns = COLUMNS[report] as Columns<K>;
  const rows = (Array.isArray(data) ? data : [data]) as Row<K>[];
  return [
    formatCsvRecord(columns.map(([header]) => header)),
    ...rows.map((row) => formatCsvRecord(columns.map(([, value]) => cell(value(row))))),
  ].join('');
}
