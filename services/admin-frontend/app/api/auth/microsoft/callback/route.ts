import type { NextRequest } from 'next/server';
import { relayToApi } from '@/lib/microsoft-sign-in';

/** The authority's redirect back: the panel on success, the sign-in page with the refusal otherwise. */
export function GET(request: NextRequest) {
  return relayToApi(request, '/admin/auth/microsoft/callback');
}
