import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { analyticsQuerySchema } from '@aerostic/shared';
import { proxyCsvDownload } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

const reportSchema = z.enum(['summary', 'daily', 'agents', 'numbers', 'templates', 'campaigns']);

/**
 * Streams `GET /analytics/:report?format=csv` with the session cookie's token, so each table's "Download CSV" is a
 * plain link from the app's own origin.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ report: string }> }) {
  const token = await readSessionToken();
  if (!token) return Response.json({ message: 'Log in to download analytics.' }, { status: 401 });
  const report = reportSchema.safeParse((await params).report);
  if (!report.success) return Response.json({ message: 'There is no such report.' }, { status: 404 });
  const range = analyticsQuerySchema.safeParse(Object.fromEntries(request.nextUrl.searchParams));
  if (!range.success) return Response.json({ message: 'Choose a valid date range.' }, { status: 400 });
  const query = new URLSearchParams({ from: range.data.from, to: range.data.to, format: 'csv' });
  return proxyCsvDownload({
    url: `${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/analytics/${report.data}?${query}`,
    bearer: token,
    filename: `analytics-${report.data}-${range.data.from}-${range.data.to}`,
    signal: request.signal,
    unreachableMessage: 'The download could not be started right now. Try again.',
  });
}
