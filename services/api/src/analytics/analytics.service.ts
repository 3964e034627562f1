import { Injectable, StreamableFile } from '@nestjs/common';
import { type AnalyticsQuery, type PlatformAnalyticsDto } from '@aerostic/shared';
import { type Principal } from '../common/tenant-context/principal';
import { Transactions } from '../database/sql';
import { type AnalyticsReport, type AnalyticsReports, reportCsv } from './analytics-csv';
import { AnalyticsRepository, type DayRange } from './analytics.repository';

/** How many tenants the Control Tower's top lists show. */
const TOP_TENANTS = 10;

/** A report as JSON, or as a CSV download when the query or the Accept header asks for it. */
export type ReportAnswer<K extends AnalyticsReport> = AnalyticsReports[K] | StreamableFile;

/** The tenant's analytics (`/analytics/...`) and the platform's (`/admin/analytics`). */
@Injectable()
export class AnalyticsService {
  constructor(
    private readonly analytics: AnalyticsRepository,
    private readonly transactions: Transactions,
  ) {}

  async report<K extends AnalyticsReport>(
    principal: Principal,
    report: K,
    query: AnalyticsQuery,
    accept: string | undefined,
  ): Promise<ReportAnswer<K>> {
    const range: DayRange = { tenantId: principal.tenantId, from: query.from, to: query.to };
    const data = (await this.transactions.run(async () => {
      await this.analytics.sortInMemory();
      return this.analytics[report](range);
    })) as AnalyticsReports[K];
    const csv = query.format === 'csv' || (query.format === undefined && /\btext\/csv\b/i.test(accept ?? ''));
    if (!csv) return data;
    return new StreamableFile(Buffer.from(reportCsv(report, data)), {
      type: 'text/csv; charset=utf-8',
      disposition: `attachment; filename="analytics-${report}-${query.from}-${query.to}.csv"`,
    });
  }

  platform(): Promise<PlatformAnalyticsDto> {
    return this.analytics.platform(TOP_TENANTS);
  }
}
