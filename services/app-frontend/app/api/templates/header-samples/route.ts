import type { NextRequest } from 'next/server';
import { forwardUpload } from '@/lib/upload-proxy';

/**
 * Forwards a template header's sample (`multipart/form-data` with `file`, `format` and `whatsappAccountId`) to the
 * API's `POST /templates/header-samples`, streamed through: samples may be documents of up to 100 MB.
 */
export function POST(request: NextRequest) {
  return forwardUpload(request, '/templates/header-samples');
}
