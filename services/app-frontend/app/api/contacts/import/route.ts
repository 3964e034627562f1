import { type NextRequest } from 'next/server';
import { forwardCsv } from '@/lib/upload-proxy';

/** Forwards a CSV file to `POST /contacts/import` (admins) and answers the API's report. */
export function POST(request: NextRequest) {
  return forwardCsv(request, '/contacts/import', {
    noSession: 'Log in to import contacts.',
    tooLarge: 'The file is larger than 5 MB. Split it into smaller files and import them one by one.',
    unreachable: 'The import could not reach the server. Try again in a minute.',
  });
}
