import 'server-only';
import { z } from 'zod';
import type { FormState } from '@aerostic/shared/web';
import { getSession, isSuperAdmin } from './session/session';

/*
 * What every server action checks before it calls the API: actions are public endpoints, so hiding a control is
 * not enough. The API refuses the same requests; these checks give the person a sentence instead of a 403.
 */

export const NEEDS_SUPER_ADMIN: FormState = {
  status: 'error',
  message: 'Only a super admin can do this. Ask one to make the change.',
};

/** True when the signed-in admin is a super admin (an ended session goes back to sign-in). */
export async function signedInSuperAdmin(): Promise<boolean> {
  return isSuperAdmin(await getSession());
}

/** Signed in at all; any admin may suspend, reactivate and re-check. */
export async function signedInAdmin(): Promise<void> {
  await getSession();
}

export const idSchema = z.uuid({ error: 'Unknown or malformed id: reload the page and try again' });
