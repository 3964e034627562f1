import type { NextRequest } from 'next/server';
import { relayMicrosoftSignIn } from '@/lib/microsoft-sign-in';

/** The authority's redirect back: the dashboard on success, the login page with the refusal otherwise. */
export function GET(request: NextRequest) {
  return relayMicrosoftSignIn(request, '/auth/microsoft/callback');
}
