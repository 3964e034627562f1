import { type NextRequest } from 'next/server';
import { forwardCsv } from '@/lib/upload-proxy';

/** Forwards a CSV file of articles (`title,body`) to `POST /automation/knowledge/import` and answers its report. */
export function POST(request: NextRequest) {
  return forwardCsv(request, '/automation/knowledge/import', {
    noSession: 'Log in to import articles.',
    tooLarge: 'The file is larger than 5 MB. Split it into smaller files and import them one by one.',
    unreachable: 'The import could not reach the server. Try again in a minute.',
  });
}
