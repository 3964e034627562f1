import { loginSchema } from '../schemas/auth';
import { apiErrorFormState, formFields, invalidFormState } from './form-state';
import { toApiErrorBody } from './api-error';

describe(invalidFormState.name, () => {
  it('should name each bad field with its first message when the shared schema rejects the input', () => {
    const parsed = loginSchema.safeParse({ email: 'not-an-email', password: '' });
    expect(parsed.success).toBe(false);
    const state = invalidFormState(parsed.error?.issues ?? [], { email: 'not-an-email' });
    expect(state).toEqual({
      status: 'error',
      message: 'Check the highlighted fields.',
      fields: { email: 'Enter a valid email address', password: 'Password is required' },
      values: { email: 'not-an-email' },
    });
  });
});

describe(apiErrorFormState.name, () => {
  it('should show the API message and its field errors when the API refuses the request', () => {
    const body = toApiErrorBody(409, 'Conflict', {
      statusCode: 409,
      error: 'Conflict',
      message: 'An account with this email already exists',
      fields: { email: 'Already registered', ignored: 3 },
    });
    expect(apiErrorFormState(body)).toEqual({
      status: 'error',
      message: 'An account with this email already exists',
      fields: { email: 'Already registered' },
      values: undefined,
    });
  });
});

describe(toApiErrorBody.name, () => {
  it('should still give a person a message when the error body is not JSON', () => {
    expect(toApiErrorBody(502, 'Bad Gateway', '<html>').message).toBe(
      'The request failed (502 Bad Gateway). Try again in a moment.',
    );
  });
});

describe(formFields.name, () => {
  it('should take only the named fields and leave a missing one out', () => {
    const formData = new FormData();
    formData.set('email', 'ada@example.com');
    formData.set('role', 'admin');
    expect(formFields(formData, ['email', 'totp'])).toEqual({ email: 'ada@example.com' });
  });
});

describe('a plan limit’s way out', () => {
  const refusal = (extra: Record<string, unknown>) =>
    toApiErrorBody(402, 'Payment Required', {
      statusCode: 402,
      error: 'limit_reached',
      message: 'Your plan allows 3 agents.',
      ...extra,
    });

  it('should keep the plan to upgrade to and the billing link when a 402 names them', () => {
    const upgrade = { planId: 'a1b2', code: 'growth', name: 'Growth' };
    const body = refusal({ upgrade, billingUrl: 'https://app.example.com/dashboard/billing' });
    expect(apiErrorFormState(body).wayOut).toEqual({
      upgrade,
      billingUrl: 'https://app.example.com/dashboard/billing',
    });
  });

  it('should keep the billing link alone when no larger plan exists', () => {
    expect(refusal({ upgrade: null, billingUrl: '/dashboard/billing' }).wayOut).toEqual({
      upgrade: null,
      billingUrl: '/dashboard/billing',
    });
  });

  it.each(['javascript:alert(1)', '//evil.example/billing', '/\\evil.example', 42])(
    'should drop a billing link %p that is not a same-site path or an http(s) URL',
    (billingUrl) => {
      expect(refusal({ upgrade: null, billingUrl }).wayOut).toBeUndefined();
    },
  );
});
