import 'server-only';
import type {
  AnalyticsAgentDto,
  AnalyticsCampaignDto,
  AnalyticsDayDto,
  AnalyticsNumberDto,
  AnalyticsSummaryDto,
  AnalyticsTemplateDto,
} from '@aerostic/shared';
import { ApiRequestError } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';

export interface AnalyticsData {
  summary: AnalyticsSummaryDto;
  daily: AnalyticsDayDto[];
  agents: AnalyticsAgentDto[];
  numbers: AnalyticsNumberDto[];
  templates: AnalyticsTemplateDto[];
  campaigns: AnalyticsCampaignDto[];
}

async function report<T>(name: keyof AnalyticsData, from: string, to: string): Promise<T> {
  const result = await apiFetch<T>(`/analytics/${name}?${new URLSearchParams({ from, to })}`);
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}

/** Every report of the range, asked at once. */
export async function getAnalytics(from: string, to: string): Promise<AnalyticsData> {
  const [summary, daily, agents, numbers, templates, campaigns] = await Promise.all([
    report<AnalyticsSummaryDto>('summary', from, to),
    report<AnalyticsDayDto[]>('daily', from, to),
    report<AnalyticsAgentDto[]>('agents', from, to),
    report<AnalyticsNumberDto[]>('numbers', from, to),
    report<AnalyticsTemplateDto[]>('templates', from, to),
    report<AnalyticsCampaignDto[]>('campaigns', from, to),
  ]);
  return { summary, daily, agents, numbers, templates, campaigns };
}
