import type { NextRequest } from 'next/server';
import { forwardUpload } from '@/lib/upload-proxy';

/**
 * Forwards an upload (`multipart/form-data` with `file` and `whatsappAccountId`) to the API's `POST /media`
 * with the session cookie's token, streamed through.
 */
export function POST(request: NextRequest) {
  return forwardUpload(request, '/media');
}
