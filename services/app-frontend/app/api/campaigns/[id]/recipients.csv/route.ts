import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { proxyCsvDownload } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

const campaignIdSchema = z.uuid();

/**
 * Streams `GET /campaigns/:id/recipients.csv` with the session cookie's token, so the report's plain link
 * downloads every recipient with its state and reason from the app's own origin.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const token = await readSessionToken();
  if (!token) return Response.json({ message: 'Log in to export the campaign report.' }, { status: 401 });
  const id = campaignIdSchema.safeParse((await params).id);
  if (!id.success) return Response.json({ message: 'That campaign does not exist.' }, { status: 404 });
  return proxyCsvDownload({
    url: `${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/campaigns/${id.data}/recipients.csv`,
    bearer: token,
    filename: `campaign-${id.data.slice(0, 8)}-recipients`,
    signal: request.signal,
    unreachableMessage: 'The export could not be started right now. Try again.',
  });
}
