'use client';

import { useActionState, useState } from 'react';
import { Button } from '@/components/ui/button';
import { FormFields } from '@/components/ui/form-fields';
import { Notice } from '@/components/ui/notice';
import { signInAction } from './actions';
import { FIRST_SIGN_IN_STATE } from './sign-in-state';

const SHOWN = ['email', 'password', 'totp'] as const;

/**
 * Both steps of signing in. Email and password are held here (controlled), so that React's reset of the form
 * after each attempt does not lose them before the code step sends them again.
 */
export function SignInForm({ next, notice }: { next?: string; notice?: string }) {
  const [attempt, setAttempt] = useState(0);
  // A new key starts over with a fresh action state ("Use another account").
  return (
    <SignInSteps
      key={attempt}
      next={next}
      notice={attempt === 0 ? notice : undefined}
      onRestart={() => setAttempt((n) => n + 1)}
    />
  );
}

function SignInSteps({ next, notice, onRestart }: { next?: string; notice?: string; onRestart: () => void }) {
  const [state, formAction, pending] = useActionState(signInAction, FIRST_SIGN_IN_STATE);
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const codeStep = state.step === 'code';

  return (
    <form action={formAction} className="flex flex-col gap-4" noValidate aria-label="Sign in">
      {next && <input type="hidden" name="next" value={next} />}
      {state.status === 'idle' && !codeStep && notice && <Notice tone="info">{notice}</Notice>}
      {state.status === 'error' && (
        <Notice tone="error" strayFields={state.fields} shownFields={SHOWN}>
          {state.message}
        </Notice>
      )}

      {codeStep && (
        <>
          <input type="hidden" name="email" value={email} />
          <input type="hidden" name="password" value={password} />
          <p className="text-sm text-ink-muted">
            Signing in as <strong className="font-medium text-ink">{email}</strong>.
          </p>
        </>
      )}
      <FormFields
        idPrefix="sign-in"
        state={state}
        specs={
          codeStep
            ? [
                {
                  name: 'totp',
                  label: 'Authentication code',
                  hint: state.status === 'idle' ? state.message : 'The 6-digit code your authenticator app shows now.',
                  inputMode: 'numeric',
                  autoComplete: 'one-time-code',
                  maxLength: 7,
                  required: true,
                  autoFocus: true,
                },
              ]
            : [
                {
                  name: 'email',
                  label: 'Email',
                  type: 'email',
                  autoComplete: 'username',
                  required: true,
                  value: email,
                  onChange: (event) => setEmail(event.target.value),
                },
                {
                  name: 'password',
                  label: 'Password',
                  type: 'password',
                  autoComplete: 'current-password',
                  required: true,
                  value: password,
                  onChange: (event) => setPassword(event.target.value),
                },
              ]
        }
      />
      <Button
        type="submit"
        look="primary"
        busy={pending}
        busyText={codeStep ? 'Checking…' : 'Signing in…'}
        className="mt-1 w-full"
      >
        {codeStep ? 'Verify and sign in' : 'Sign in'}
      </Button>
      {codeStep && (
        <Button look="quiet" onClick={onRestart} className="self-center">
          Use another account
        </Button>
      )}
    </form>
  );
}
