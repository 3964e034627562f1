import type { NextRequest } from 'next/server';
import { relayToApi } from '@/lib/microsoft-sign-in';

/** The authority's redirect back: the dashboard on success, the login page with the refusal otherwise. */
export function GET(request: NextRequest) {
  return relayToApi(request, '/auth/microsoft/callback');
}
