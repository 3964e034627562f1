import type { NextRequest } from 'next/server';
import { relayToApi } from '@/lib/microsoft-sign-in';

/** "Sign in with Microsoft" for platform admins of the company's Entra tenant. */
export function GET(request: NextRequest) {
  return relayToApi(request, '/admin/auth/microsoft');
}
