import { type NextRequest } from 'next/server';
import { forwardCsv } from '@/lib/upload-proxy';

/**
 * Forwards a campaign's CSV audience to `POST /campaigns/audience.csv` and answers the API's result: the
 * recipients' contact ids and the lines it refused, with why.
 */
export function POST(request: NextRequest) {
  return forwardCsv(request, '/campaigns/audience.csv', {
    noSession: 'Your session ended. Log in again to upload.',
    tooLarge: 'The file is larger than 5 MB. Split it into smaller campaigns.',
    unreachable: 'The upload could not reach the server. Try again in a minute.',
  });
}
