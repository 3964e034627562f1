import {
  backoffDelay,
  decideMarkRead,
  decideSend,
  DEFAULT_RETRY_POLICY,
  MARK_READ_MAX_ATTEMPTS,
} from './retry-handler';

const graphError = (code: number, extra: Record<string, unknown> = {}) => ({
  error: { message: `(#${code}) Title ${code}`, type: 'OAuthException', code, ...extra, fbtrace_id: 'A1' },
});

describe(decideSend.name, () => {
  const fresh = { send: 0, pair: 0 };

  it('should accept with the wamid when Meta answers 200 with messages', () => {
    const reply = { httpStatus: 200, body: { messaging_product: 'whatsapp', messages: [{ id: 'wamid.X' }] } };

    expect(decideSend(reply, fresh)).toEqual({ kind: 'accepted', wamid: 'wamid.X' });
  });

  it('should retry with backoff when Meta answers 5xx or nothing', () => {
    expect(decideSend({ httpStatus: 500, body: graphError(131000) }, fresh)).toMatchObject({
      kind: 'retry',
      reason: 'transient',
    });
    expect(decideSend({ httpStatus: 0, body: null }, fresh)).toMatchObject({ kind: 'retry', reason: 'transient' });
  });

  it('should report failed when the transient attempts are used up', () => {
    const reply = { httpStatus: 400, body: graphError(130429) };

    expect(decideSend(reply, { send: DEFAULT_RETRY_POLICY.maxAttempts - 1, pair: 0 })).toMatchObject({
      kind: 'report',
      outcome: 'failed',
      error: { code: 130429 },
    });
  });

  it('should delay by 6 s doubled per refusal when the pair rate limit is hit', () => {
    const reply = { httpStatus: 400, body: graphError(131056) };

    expect(decideSend(reply, fresh)).toEqual({ kind: 'retry', reason: 'pair-rate', delayMs: 6_000 });
    expect(decideSend(reply, { send: 0, pair: 2 })).toEqual({ kind: 'retry', reason: 'pair-rate', delayMs: 24_000 });
  });

  it('should report token-invalid when Meta answers 190', () => {
    expect(decideSend({ httpStatus: 401, body: graphError(190) }, fresh)).toMatchObject({
      kind: 'report',
      outcome: 'token-invalid',
    });
  });

  it('should report failed with the title and details when the error is permanent', () => {
    const reply = {
      httpStatus: 400,
      body: graphError(131009, { error_data: { messaging_product: 'whatsapp', details: 'Bad value' } }),
    };

    expect(decideSend(reply, fresh)).toEqual({
      kind: 'report',
      outcome: 'failed',
      error: { code: 131009, title: 'Title 131009', details: 'Bad value' },
    });
  });
});

describe(`${decideSend.name} with the spam rate limit (131048)`, () => {
  const reply = { httpStatus: 400, body: graphError(131048) };

  it('should retry after a minute doubled per refusal and capped at 30 minutes when the number is spam-limited', () => {
    expect(decideSend(reply, { send: 0, pair: 0 })).toEqual({ kind: 'retry', reason: 'spam-rate', delayMs: 60_000 });
    expect(decideSend(reply, { send: 0, pair: 0, spam: 2 })).toEqual({
      kind: 'retry',
      reason: 'spam-rate',
      delayMs: 240_000,
    });
    expect(decideSend(reply, { send: 0, pair: 0, spam: 8 })).toMatchObject({ delayMs: 30 * 60_000 });
  });

  it('should not count spam refusals against the transient attempts when those are used up', () => {
    expect(decideSend(reply, { send: DEFAULT_RETRY_POLICY.maxAttempts - 1, pair: 0, spam: 0 })).toMatchObject({
      kind: 'retry',
      reason: 'spam-rate',
    });
  });

  it('should report failed with the code when the spam attempts are used up', () => {
    expect(decideSend(reply, { send: 0, pair: 0, spam: DEFAULT_RETRY_POLICY.spamMaxAttempts - 1 })).toMatchObject({
      kind: 'report',
      outcome: 'failed',
      error: { code: 131048, title: 'Title 131048' },
    });
  });
});

describe(decideMarkRead.name, () => {
  it('should be done when Meta answers success', () => {
    expect(decideMarkRead({ httpStatus: 200, body: { success: true } }, 0)).toEqual({ kind: 'done' });
  });

  it('should retry when Meta answers 5xx, nothing, or a rate limit', () => {
    expect(decideMarkRead({ httpStatus: 500, body: graphError(131000) }, 0)).toMatchObject({ kind: 'retry' });
    expect(decideMarkRead({ httpStatus: 0, body: null }, 1)).toMatchObject({ kind: 'retry' });
    expect(decideMarkRead({ httpStatus: 400, body: graphError(131048) }, 0)).toMatchObject({
      kind: 'retry',
      reason: 'spam-rate',
    });
  });

  it('should give up with the code when the error is permanent or the attempts are used up', () => {
    expect(decideMarkRead({ httpStatus: 400, body: graphError(100) }, 0)).toEqual({
      kind: 'give-up',
      error: { code: 100, title: 'Title 100', details: null },
    });
    expect(decideMarkRead({ httpStatus: 200, body: { success: false } }, 0)).toMatchObject({ kind: 'give-up' });
    expect(decideMarkRead({ httpStatus: 500, body: graphError(131000) }, MARK_READ_MAX_ATTEMPTS - 1)).toMatchObject({
      kind: 'give-up',
      error: { code: 131000 },
    });
  });
});

describe(backoffDelay.name, () => {
  it('should double per attempt between half and all of the ceiling when jittered', () => {
    expect(backoffDelay(1, 1_000, 60_000, () => 0)).toBe(500);
    expect(backoffDelay(3, 1_000, 60_000, () => 1)).toBe(4_000);
  });

  it('should stay under the cap when attempts grow', () => {
    expect(backoffDelay(20, 1_000, 60_000, () => 1)).toBe(60_000);
  });
});
