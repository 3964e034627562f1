import { isJsonObject } from './json-object';
import { webhookBody } from './test-helpers';

/** The reference: what the handler checked before, with `JSON.parse`. */
function parsesToObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

/** A small deterministic generator (mulberry32), so that a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const check = (text: string) => isJsonObject(Buffer.from(text, 'utf8'));

describe(isJsonObject.name, () => {
  it.each([
    '{}',
    ' \t\r\n{ } \n',
    '{"a":1}',
    '{"a":{"b":[1,2,{"c":null}],"d":true,"e":false},"f":"x"}',
    '{"n":[0,-0,1.5,-2e10,3E+2,4e-3,0.25,123456789]}',
    '{"s":"\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u00e4 \\uD83D\\uDE00"}',
    '{"ü":"grüße 👋"}',
    '{"a":[],"b":{},"c":[[]],"d":[{}]}',
    '{"a":1,"a":2}',
  ])('should accept the JSON object %j', (text) => {
    expect(parsesToObject(text)).toBe(true);
    expect(check(text)).toBe(true);
  });

  it.each([
    '',
    ' ',
    '[]',
    '[{}]',
    '"text"',
    '1',
    'null',
    '{',
    '}',
    '{"a"}',
    '{"a":}',
    '{"a":1,}',
    '{,"a":1}',
    '{"a":1 "b":2}',
    '{a:1}',
    "{'a':1}",
    '{"a":[1,]}',
    '{"a":[,1]}',
    '{"a":01}',
    '{"a":1.}',
    '{"a":.5}',
    '{"a":+1}',
    '{"a":1e}',
    '{"a":-}',
    '{"a":tru}',
    '{"a":True}',
    '{"a":nul}',
    '{"a":NaN}',
    '{"a":"\\x"}',
    '{"a":"\\u12G4"}',
    '{"a":"\\u12"}',
    '{"a":"line\nbreak"}',
    '{"a":"unterminated}',
    '{}{}',
    '{} x',
    '\ufeff{}',
    '{"a":1}]',
    '{"a":[1}',
    '{"a":{]}',
  ])('should refuse %j, which is not exactly one JSON object', (text) => {
    expect(parsesToObject(text)).toBe(false);
    expect(check(text)).toBe(false);
  });

  it("should accept Meta's webhooks as they are sent", () => {
    expect(check(webhookBody('wamid.check'))).toBe(true);
  });

  it('should give the verdict of JSON.parse on thousands of damaged and generated bodies', () => {
    const next = random(20_261_122);
    const alphabet = [
      '{',
      '}',
      '[',
      ']',
      '"',
      ':',
      ',',
      '\\',
      'u',
      '0',
      '1',
      '-',
      '.',
      'e',
      'E',
      '+',
      ' ',
      'a',
      'n',
      't',
      'f',
      'l',
      '\n',
    ];
    const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
    const seeds = [webhookBody('wamid.fuzz'), '{"a":[1,-2.5e3,{"b":"c\\"d\\u00e4"}],"t":true,"f":false,"n":null}'];
    let accepted = 0;
    let refused = 0;
    for (let round = 0; round < 5_000; round++) {
      let text = pick(seeds);
      const edits = 1 + Math.floor(next() * 3);
      for (let e = 0; e < edits; e++) {
        const at = Math.floor(next() * (text.length + 1));
        const kind = next();
        if (kind < 0.33) text = text.slice(0, at) + text.slice(at + 1);
        else if (kind < 0.66) text = text.slice(0, at) + pick(alphabet) + text.slice(at);
        else text = text.slice(0, at) + pick(alphabet) + text.slice(at + 1);
      }
      const expected = parsesToObject(text);
      if (check(text) !== expected) throw new Error(`verdict differs from JSON.parse for ${JSON.stringify(text)}`);
      if (expected) accepted++;
      else refused++;
    }
    // Both verdicts were exercised, not only one of them.
    expect(accepted).toBeGreaterThan(100);
    expect(refused).toBeGreaterThan(100);
  });
});
