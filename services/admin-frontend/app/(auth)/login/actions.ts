'use server';

import { redirect } from 'next/navigation';
import { forgetRenderedPages } from '@/lib/session/forget-rendered-pages';
import { type AdminAuthResponse, adminLoginSchema } from '@aerostic/shared';
import { apiErrorFormState, formFields, invalidFormState, safeNextPath, textValue } from '@aerostic/shared/web';
import { apiFetch } from '@/lib/api';
import { startSession } from '@/lib/session/session';
import { SIGN_IN_PAGES } from '@/lib/session/session-gate';
import type { SignInState } from './sign-in-state';

/**
 * Email and password first. An enrolled admin's correct password is answered 401 with `fields.totp`: the form
 * then asks for the code and sends all three again.
 */
export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  const values = { email: textValue(formData, 'email') };
  const codeStep = formData.has('totp');
  const parsed = adminLoginSchema.safeParse(formFields(formData, ['email', 'password', 'totp']));
  if (!parsed.success)
    return { ...invalidFormState(parsed.error.issues, values), step: codeStep ? 'code' : 'password' };

  const result = await apiFetch<AdminAuthResponse>('/admin/auth/login', {
    method: 'POST',
    body: parsed.data,
    token: null,
  });
  if (!result.ok) {
    const codeProblem = result.status === 401 ? result.error.fields?.totp : undefined;
    if (codeProblem && !codeStep) {
      // Not a mistake: the password was right, and the code comes next.
      return { status: 'idle', step: 'code', message: codeProblem, values };
    }
    return { ...apiErrorFormState(result.error, values), step: codeProblem ? 'code' : 'password' };
  }

  await startSession(result.data.access_token);
  forgetRenderedPages();
  redirect(safeNextPath(formData.get('next'), { avoid: SIGN_IN_PAGES }));
}
