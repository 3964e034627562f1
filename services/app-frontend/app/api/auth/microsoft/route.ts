import type { NextRequest } from 'next/server';
import { relayMicrosoftSignIn } from '@/lib/microsoft-sign-in';

/** "Sign in with Microsoft": off to the authority, with the state the API keeps. */
export function GET(request: NextRequest) {
  return relayMicrosoftSignIn(request, '/auth/microsoft');
}
