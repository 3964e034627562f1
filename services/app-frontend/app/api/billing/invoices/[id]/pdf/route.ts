import type { NextRequest } from 'next/server';
import { z } from 'zod';
import { proxyFileDownload } from '@aerostic/shared/web';
import { getEnv } from '@/lib/env';
import { readSessionToken } from '@/lib/session/session';

const invoiceIdSchema = z.uuid();

/**
 * Streams `GET /billing/invoices/:id/pdf` with the session cookie's token, so the Billing page's plain link opens the
 * invoice from the app's own origin. The API checks that the reader is an admin of the invoice's workspace.
 */
export async function GET(request: NextRequest, { params }: { params: Promise<{ id: string }> }) {
  const token = await readSessionToken();
  if (!token) return Response.json({ message: 'Log in to open the invoice.' }, { status: 401 });
  const id = invoiceIdSchema.safeParse((await params).id);
  if (!id.success) return Response.json({ message: 'That invoice does not exist.' }, { status: 404 });
  return proxyFileDownload({
    url: `${getEnv().API_INTERNAL_URL.replace(/\/+$/, '')}/billing/invoices/${id.data}/pdf`,
    bearer: token,
    contentType: 'application/pdf',
    contentDisposition: `inline; filename="invoice-${id.data.slice(0, 8)}.pdf"`,
    signal: request.signal,
    unreachableMessage: 'The invoice could not be opened right now. Try again.',
  });
}
