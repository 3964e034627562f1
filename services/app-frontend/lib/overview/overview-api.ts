import 'server-only';
import type { OverviewDto } from '@aerostic/shared';
import { apiFetch } from '@/lib/api';
import { ApiRequestError } from '@aerostic/shared/web';

/**
 * Today's figures and the latest conversations. Pages render on the server, which does not know the reader's
 * time zone, so "today" is the UTC day, as every date on the dashboard is shown in UTC.
 */
export async function getOverview(): Promise<OverviewDto> {
  const result = await apiFetch<OverviewDto>('/dashboard/overview?timeZone=UTC');
  if (!result.ok) throw new ApiRequestError(result.status, result.error);
  return result.data;
}
