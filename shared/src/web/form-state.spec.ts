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
