import { classifyGraphError } from './graph-errors';

describe(classifyGraphError.name, () => {
  it.each([1, 2, 4, 80007, 130429, 131000, 131016, 131057, 133004])(
    'should retry when Meta answers the transient code %i',
    (code) => {
      expect(classifyGraphError({ code }, 400)).toBe('retry');
    },
  );

  it('should delay only the recipient when the pair rate limit is hit', () => {
    expect(classifyGraphError({ code: 131056 }, 400)).toBe('retry-recipient');
  });

  it.each([0, 190])('should mark the token invalid when Meta answers %i', (code) => {
    expect(classifyGraphError({ code }, 401)).toBe('token-invalid');
  });

  it.each([100, 131026, 131047, 132001, 131031, 368])(
    'should fail at once when Meta answers the permanent code %i',
    (code) => {
      expect(classifyGraphError({ code }, 400)).toBe('fail');
    },
  );

  it('should retry when there is no Graph error body and the failure is a network error or a 5xx', () => {
    expect(classifyGraphError(null, 0)).toBe('retry');
    expect(classifyGraphError(null, 502)).toBe('retry');
    expect(classifyGraphError(null, 404)).toBe('fail');
  });

  it('should retry an unknown code when Meta flags it transient', () => {
    expect(classifyGraphError({ code: 999999, is_transient: true }, 400)).toBe('retry');
  });
});
