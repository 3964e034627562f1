'use server';

import 'server-only';
import { redirect } from 'next/navigation';
import { forgetRenderedPages } from '@/lib/session/forget-rendered-pages';
import { apiFetch } from '@/lib/api';
import { endSession, readSessionToken } from './session';

/** Signs the token out at the API, then forgets it here even if the API could not be reached. */
export async function signOutAction(): Promise<void> {
  const token = await readSessionToken();
  if (token) {
    const result = await apiFetch<void>('/admin/auth/logout', { method: 'POST', token });
    if (!result.ok && result.status !== 401) console.error(`Sign-out: the API answered ${result.status}`);
  }
  await endSession();
  forgetRenderedPages();
  redirect('/login?reason=signed-out');
}
