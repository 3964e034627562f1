/** A byte scanner that tells whether a webhook body is one JSON object; see `isJsonObject`. */
const OBJECT = 1;
const ARRAY = 2;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const MINUS = 0x2d;
const PLUS = 0x2b;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const LOWER_E = 0x65;
const UPPER_E = 0x45;
const LOWER_U = 0x75;
/** The characters that may follow a backslash besides `u`: " \ / b f n r t. */
const SIMPLE_ESCAPES = new Set([0x22, 0x5c, 0x2f, 0x62, 0x66, 0x6e, 0x72, 0x74]);
const TRUE = [0x74, 0x72, 0x75, 0x65];
const FALSE = [0x66, 0x61, 0x6c, 0x73, 0x65];
const NULL = [0x6e, 0x75, 0x6c, 0x6c];

function skipWhitespace(bytes: Uint8Array, at: number): number {
  let i = at;
  for (;;) {
    const c = bytes[i];
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= ZERO && c <= NINE;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= ZERO && c <= NINE) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66));
}

/** `at` is an opening quote; returns the index after the closing one, or -1. */
function skipString(bytes: Uint8Array, at: number): number {
  let i = at + 1;
  for (;;) {
    const c = bytes[i];
    if (c === undefined || c < 0x20) return -1;
    if (c === QUOTE) return i + 1;
    if (c !== BACKSLASH) {
      i++;
      continue;
    }
    const escaped = bytes[i + 1];
    if (escaped === LOWER_U) {
      if (!isHex(bytes[i + 2]) || !isHex(bytes[i + 3]) || !isHex(bytes[i + 4]) || !isHex(bytes[i + 5])) return -1;
      i += 6;
    } else if (escaped !== undefined && SIMPLE_ESCAPES.has(escaped)) {
      i += 2;
    } else {
      return -1;
    }
  }
}

/** `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?` from `at`; returns the index after it, or -1. */
function skipNumber(bytes: Uint8Array, at: number): number {
  let i = at;
  if (bytes[i] === MINUS) i++;
  if (bytes[i] === ZERO) i++;
  else if (isDigit(bytes[i])) while (isDigit(bytes[i])) i++;
  else return -1;
  if (bytes[i] === DOT) {
    i++;
    if (!isDigit(bytes[i])) return -1;
    while (isDigit(bytes[i])) i++;
  }
  if (bytes[i] === LOWER_E || bytes[i] === UPPER_E) {
    i++;
    if (bytes[i] === PLUS || bytes[i] === MINUS) i++;
    if (!isDigit(bytes[i])) return -1;
    while (isDigit(bytes[i])) i++;
  }
  return i;
}

function skipLiteral(bytes: Uint8Array, at: number, literal: readonly number[]): number {
  for (let k = 0; k < literal.length; k++) if (bytes[at + k] !== literal[k]) return -1;
  return at + literal.length;
}

/** `at` is where an object's member starts (after `{` or `,`); returns the index after its colon, or -1. */
function skipKey(bytes: Uint8Array, at: number): number {
  const i = skipWhitespace(bytes, at);
  if (bytes[i] !== QUOTE) return -1;
  const end = skipString(bytes, i);
  if (end === -1) return -1;
  const colon = skipWhitespace(bytes, end);
  return bytes[colon] === COLON ? colon + 1 : -1;
}

/**
 * `JSON.parse`'s verdict plus a plain-object check, without building the value: kept because the webhook-ingest
 * bench misses its targets with `JSON.parse` (its garbage and CPU per request). Expects valid UTF-8 (checked first).
 */
export function isJsonObject(bytes: Uint8Array): boolean {
  let i = skipWhitespace(bytes, 0);
  if (bytes[i] !== OPEN_BRACE) return false;
  /** The containers open around the current position, innermost last. */
  const open: number[] = [];
  for (;;) {
    // A value starts at i.
    i = skipWhitespace(bytes, i);
    const c = bytes[i];
    if (c === OPEN_BRACE) {
      const inner = skipWhitespace(bytes, i + 1);
      if (bytes[inner] === CLOSE_BRACE) {
        i = inner + 1;
      } else {
        open.push(OBJECT);
        i = skipKey(bytes, i + 1);
        if (i === -1) return false;
        continue;
      }
    } else if (c === OPEN_BRACKET) {
      const inner = skipWhitespace(bytes, i + 1);
      if (bytes[inner] === CLOSE_BRACKET) {
        i = inner + 1;
      } else {
        open.push(ARRAY);
        i = inner;
        continue;
      }
    } else if (c === QUOTE) {
      i = skipString(bytes, i);
    } else if (c === MINUS || isDigit(c)) {
      i = skipNumber(bytes, i);
    } else if (c === TRUE[0]) {
      i = skipLiteral(bytes, i, TRUE);
    } else if (c === FALSE[0]) {
      i = skipLiteral(bytes, i, FALSE);
    } else if (c === NULL[0]) {
      i = skipLiteral(bytes, i, NULL);
    } else {
      return false;
    }
    if (i === -1) return false;

    // After a value: close containers until one continues with a comma, or the text ends.
    for (;;) {
      i = skipWhitespace(bytes, i);
      const container = open[open.length - 1];
      if (container === undefined) return i === bytes.length;
      const next = bytes[i];
      if (next === COMMA) {
        i = container === OBJECT ? skipKey(bytes, i + 1) : i + 1;
        if (i === -1) return false;
        break;
      }
      if (next !== (container === OBJECT ? CLOSE_BRACE : CLOSE_BRACKET)) return false;
      open.pop();
      i++;
    }
  }
}
