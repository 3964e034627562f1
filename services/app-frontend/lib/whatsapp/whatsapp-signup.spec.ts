import {
  IDLE_SIGNUP,
  type OriginPolicy,
  SIGNUP_MESSAGES,
  type SignupEvent,
  type SignupState,
  isTrustedOrigin,
  originPolicyFor,
  parseSignupMessage,
  sandboxPopupUrl,
  signupModeFrom,
  signupReducer,
} from './whatsapp-signup';

const SANDBOX_ORIGIN = 'http://localhost:4300';
const SANDBOX: OriginPolicy = { kind: 'exact', origin: SANDBOX_ORIGIN };
const FACEBOOK: OriginPolicy = { kind: 'facebook' };

const finish = (ids = { waba_id: '524126980791429', phone_number_id: '106540352242922' }) =>
  JSON.stringify({
    type: 'WA_EMBEDDED_SIGNUP',
    event: 'FINISH',
    version: 3,
    data: { ...ids, business_id: '2729063490586005' },
  });
const code = (value = 'AQD-code') => JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP_CODE', code: value });
const message = (data: unknown, origin = SANDBOX_ORIGIN): SignupEvent => ({ type: 'message', origin, data });

function run(events: SignupEvent[], policy: OriginPolicy = SANDBOX): SignupState {
  return [{ type: 'start', policy } as SignupEvent, ...events].reduce(signupReducer, IDLE_SIGNUP);
}

const SUBMITTING: SignupState = {
  phase: 'submitting',
  result: { code: 'AQD-code', wabaId: '524126980791429', phoneNumberId: '106540352242922' },
};

describe(signupReducer.name, () => {
  it('should submit the ids and the code when FINISH arrives before the code', () => {
    expect(run([message(finish()), message(code())])).toEqual(SUBMITTING);
  });

  it('should submit the ids and the code when the code arrives before FINISH', () => {
    expect(run([message(code()), message(finish())])).toEqual(SUBMITTING);
  });

  it('should take the code from FB.login’s callback when Meta runs the sign-up', () => {
    const state = run(
      [message(finish(), 'https://www.facebook.com'), { type: 'login-callback', code: 'AQD-code' }],
      FACEBOOK,
    );
    expect(state).toEqual(SUBMITTING);
  });

  it('should keep waiting with what it has when only one half has arrived', () => {
    expect(run([message(finish())])).toMatchObject({
      phase: 'waiting',
      ids: { wabaId: '524126980791429', phoneNumberId: '106540352242922' },
      code: null,
    });
  });

  it.each([
    ['another site', 'https://evil.example'],
    ['a look-alike port', 'http://localhost:4301'],
    ['the page itself', 'http://app.localhost'],
  ])('should ignore messages from %s when the sandbox runs the sign-up', (_label, origin) => {
    const state = run([message(finish(), origin), message(code(), origin)]);
    expect(state).toEqual({ phase: 'waiting', policy: SANDBOX, ids: null, code: null });
  });

  it('should not let a late duplicate swap the ids under the code', () => {
    const state = run([
      message(finish()),
      message(finish({ waba_id: '999', phone_number_id: '888' })),
      message(code()),
    ]);
    expect(state).toEqual(SUBMITTING);
  });

  it('should ignore unrelated and malformed messages while waiting', () => {
    const state = run([message('not json'), message({ type: 'something-else' }), message(42), message(null)]);
    expect(state).toMatchObject({ phase: 'waiting', ids: null, code: null });
  });

  it('should ignore messages when no sign-up is running', () => {
    expect(signupReducer(IDLE_SIGNUP, message(finish()))).toBe(IDLE_SIGNUP);
  });

  it('should name the step when the person cancels', () => {
    const cancel = JSON.stringify({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      version: 3,
      data: { current_step: 'PHONE_NUMBER_VERIFICATION' },
    });
    const state = run([message(cancel)]);
    expect(state).toEqual({
      phase: 'failed',
      message:
        'You left the sign-up at the phone number verification step, so nothing was connected. Start again when you are ready.',
    });
  });

  it('should show Meta’s reason when the sign-up is cancelled with an error', () => {
    const cancel = JSON.stringify({
      type: 'WA_EMBEDDED_SIGNUP',
      event: 'CANCEL',
      version: 3,
      data: { error_message: 'Phone number already in use', error_id: '524126' },
    });
    expect(run([message(cancel)])).toMatchObject({
      phase: 'failed',
      message: expect.stringContaining('Meta stopped the sign-up: Phone number already in use.'),
    });
  });

  it('should explain an ERROR event in words', () => {
    const error = JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP', event: 'ERROR', data: { error_message: 'Oops' } });
    expect(run([message(error)])).toMatchObject({
      phase: 'failed',
      message: expect.stringContaining('Meta reported a problem during the sign-up: Oops.'),
    });
  });

  it('should refuse a sign-up that finished without a phone number', () => {
    const onlyWaba = JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH_ONLY_WABA', data: { waba_id: '1' } });
    expect(run([message(onlyWaba)])).toEqual({ phase: 'failed', message: SIGNUP_MESSAGES.noNumber });
  });

  it('should say the window was closed when it closes before finishing', () => {
    expect(run([{ type: 'popup-closed' }])).toEqual({ phase: 'failed', message: SIGNUP_MESSAGES.popupClosed });
  });

  it('should say the authorization is missing when the window closes after FINISH but without a code', () => {
    expect(run([message(finish()), { type: 'popup-closed' }])).toEqual({
      phase: 'failed',
      message: SIGNUP_MESSAGES.noCode,
    });
  });

  it('should keep a cancellation’s explanation when the window then closes', () => {
    const cancel = JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP', event: 'CANCEL', data: { current_step: 'X' } });
    const state = run([message(cancel), { type: 'popup-closed' }]);
    expect(state).toMatchObject({ phase: 'failed', message: expect.stringContaining('at the x step') });
  });

  it('should not fail a submission when the window closes after handing everything over', () => {
    expect(run([message(finish()), message(code()), { type: 'popup-closed' }])).toEqual(SUBMITTING);
  });

  it('should tell the person to allow pop-ups when the window was blocked', () => {
    expect(run([{ type: 'popup-blocked' }])).toEqual({ phase: 'failed', message: SIGNUP_MESSAGES.popupBlocked });
  });

  it('should show the API’s message when connecting fails', () => {
    const state = [message(finish()), message(code()), { type: 'api-failed', message: 'Already connected' } as const];
    expect(run(state)).toEqual({ phase: 'failed', message: 'Already connected' });
  });

  it('should keep the plan to upgrade to when the plan’s number limit refused the connection', () => {
    const wayOut = { upgrade: { planId: 'p-2', code: 'growth', name: 'Growth' }, billingUrl: '/dashboard/billing' };
    const refused = { type: 'api-failed', message: 'Your plan allows 1 number.', wayOut } as const;
    expect(run([message(finish()), message(code()), refused])).toEqual({
      phase: 'failed',
      message: 'Your plan allows 1 number.',
      wayOut,
    });
  });

  it('should report the connected number when the API accepts it', () => {
    const state = run([message(code()), message(finish()), { type: 'connected', displayPhoneNumber: '15550100' }]);
    expect(state).toEqual({ phase: 'connected', displayPhoneNumber: '15550100' });
  });

  it('should start afresh after a failure when the person tries again', () => {
    const failed = run([{ type: 'popup-closed' }]);
    expect(signupReducer(failed, { type: 'start', policy: SANDBOX })).toEqual({
      phase: 'waiting',
      policy: SANDBOX,
      ids: null,
      code: null,
    });
  });

  it('should not drop a submission in flight when asked to reset', () => {
    const submitting = run([message(finish()), message(code())]);
    expect(signupReducer(submitting, { type: 'reset' })).toBe(submitting);
  });
});

describe(isTrustedOrigin.name, () => {
  it.each([
    ['https://www.facebook.com', true],
    ['https://facebook.com', true],
    ['https://business.facebook.com', true],
    ['https://evilfacebook.com', false],
    ['http://www.facebook.com', false],
    ['https://facebook.com.evil.example', false],
    ['null', false],
  ])('should judge %s as %s when Meta runs the sign-up', (origin, trusted) => {
    expect(isTrustedOrigin(origin, FACEBOOK)).toBe(trusted);
  });

  it('should accept only the sandbox’s exact origin when the sandbox runs the sign-up', () => {
    expect(isTrustedOrigin(SANDBOX_ORIGIN, SANDBOX)).toBe(true);
    expect(isTrustedOrigin('https://www.facebook.com', SANDBOX)).toBe(false);
  });
});

describe(parseSignupMessage.name, () => {
  it('should accept an object as well as a JSON string and numeric ids', () => {
    expect(
      parseSignupMessage({ type: 'WA_EMBEDDED_SIGNUP', event: 'FINISH', data: { waba_id: 12, phone_number_id: 34 } }),
    ).toEqual({ type: 'finish', wabaId: '12', phoneNumberId: '34' });
  });

  it('should ignore a code message without a code', () => {
    expect(parseSignupMessage(JSON.stringify({ type: 'WA_EMBEDDED_SIGNUP_CODE', code: '' }))).toBeNull();
  });
});

describe(signupModeFrom.name, () => {
  it('should use the sandbox whenever one is configured', () => {
    const mode = signupModeFrom({
      META_APP_ID: 'a',
      META_CONFIG_ID: 'c',
      META_GRAPH_VERSION: 'v26.0',
      META_SANDBOX_URL: 'http://localhost:4300/',
    });
    expect(mode).toEqual({
      kind: 'sandbox',
      signupUrl: 'http://localhost:4300/_sandbox/signup',
      origin: 'http://localhost:4300',
    });
    expect(mode.kind === 'sandbox' && sandboxPopupUrl(mode, 'http://app.localhost:8080')).toBe(
      'http://localhost:4300/_sandbox/signup?origin=http%3A%2F%2Fapp.localhost%3A8080',
    );
  });

  it('should use Meta’s dialog, at the configured Graph version, when the app and configuration ids are set without a sandbox', () => {
    const mode = signupModeFrom({ META_APP_ID: '123', META_CONFIG_ID: '456', META_GRAPH_VERSION: 'v27.0' });
    expect(mode).toEqual({ kind: 'facebook', appId: '123', configId: '456', graphVersion: 'v27.0' });
    expect(originPolicyFor(mode)).toEqual(FACEBOOK);
  });

  it('should offer no sign-up when Meta is not configured', () => {
    const mode = signupModeFrom({ META_APP_ID: '123', META_GRAPH_VERSION: 'v26.0' });
    expect(mode).toEqual({ kind: 'unavailable' });
    expect(originPolicyFor(mode)).toBeNull();
  });
});
