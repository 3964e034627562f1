import type { NextRequest } from 'next/server';
import { relayToApi } from '@/lib/microsoft-sign-in';

/** "Sign in with Microsoft": off to the authority, with the state the API keeps. */
export function GET(request: NextRequest) {
  return relayToApi(request, '/auth/microsoft');
}
