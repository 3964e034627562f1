// The webhook fuzzer's pure part: a seeded PRNG, the mutations of a valid Meta webhook, and the verdict on whether a
// mutated body is one the platform may store. Same seed, same bodies: a failure is replayed with --seed.
import { createHmac } from 'node:crypto';

/** mulberry32: small, fast and good enough to pick mutations; not for secrets. */
export function prng(seed) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (max) => Math.floor(next() * max),
    pick: (items) => items[Math.floor(next() * items.length)],
  };
}

/** A valid inbound text webhook, as Meta sends it, carrying the run's marker in its wamid and text. */
export function baseWebhook({ phoneNumberId, wabaId, marker, index, from }) {
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '15550001111', phone_number_id: phoneNumberId },
              contacts: [{ profile: { name: `Fuzz ${index}` }, wa_id: from }],
              messages: [
                {
                  from,
                  id: `wamid.${marker}${index}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: `${marker}${index} text` },
                },
              ],
            },
          },
        ],
      },
    ],
  };
}

/** Every [path, value] of a JSON value, the root first. */
function nodes(value, path = []) {
  const out = [[path, value]];
  if (value !== null && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) out.push(...nodes(child, [...path, key]));
  }
  return out;
}

function setAt(root, path, value) {
  if (path.length === 0) return value;
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path.at(-1)] = value;
  return root;
}

const DEEP = '\u0000deep\u0000';
const OTHER_TYPES = [0, -1.5e308, true, false, null, [], {}, '', 'x', [1, 'two'], { nested: { value: 1 } }];

/**
 * The mutations, each answering the body's bytes. Object-level ones work on a copy of the valid webhook; byte-level
 * ones on its serialisation, which is how invalid UTF-8 and truncated JSON reach the wire.
 */
export const MUTATIONS = {
  'wrong-type': (body, rnd) => {
    const [path] = rnd.pick(nodes(body).slice(1));
    return json(setAt(body, path, structuredClone(rnd.pick(OTHER_TYPES))));
  },
  'missing-field': (body, rnd) => {
    const [path] = rnd.pick(nodes(body).slice(1));
    let node = body;
    for (const key of path.slice(0, -1)) node = node[key];
    if (Array.isArray(node)) node.splice(Number(path.at(-1)), 1);
    else delete node[path.at(-1)];
    return json(body);
  },
  'huge-string': (body, rnd) => {
    const strings = nodes(body).filter(([, value]) => typeof value === 'string');
    const [path] = rnd.pick(strings);
    // Up to 4 MB: past the webhook-worker's 3 MB limit now and then.
    const size = rnd.pick([1_000, 70_000, 500_000, 2_000_000, 4_000_000]);
    return json(setAt(body, path, rnd.pick(['a', 'é', '😀', '\\', '"']).repeat(size)));
  },
  'deep-nesting': (body, rnd) => {
    const [path] = rnd.pick(nodes(body).slice(1));
    const depth = rnd.pick([100, 1_000, 10_000, 100_000]);
    const [open, close] = rnd.next() < 0.5 ? ['[', ']'] : ['{"a":', '}'];
    const text = json(setAt(body, path, DEEP)).toString('utf8');
    return Buffer.from(text.replace(JSON.stringify(DEEP), `${open.repeat(depth)}1${close.repeat(depth)}`), 'utf8');
  },
  'invalid-utf8': (body, rnd) => {
    const bytes = json(body);
    const at = rnd.int(bytes.length);
    const bad = rnd.pick([[0xff], [0xc3], [0x80, 0x80], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80]]);
    return Buffer.concat([bytes.subarray(0, at), Buffer.from(bad), bytes.subarray(at)]);
  },
  truncated: (body, rnd) => {
    const bytes = json(body);
    return bytes.subarray(0, rnd.int(bytes.length));
  },
  'not-an-object': (body, rnd) =>
    Buffer.from(rnd.pick(['[]', '"text"', '42', 'null', 'true', '', ' ', '{', '}{', '{"a":1}{"b":2}']), 'utf8'),
  'unknown-fields': (body, rnd) => {
    const objects = nodes(body).filter(
      ([, value]) => value !== null && typeof value === 'object' && !Array.isArray(value),
    );
    const [, node] = rnd.pick(objects);
    const key = rnd.pick(['__proto__', 'constructor', 'prototype', 'x'.repeat(1_000), '', '\u202e']);
    Object.defineProperty(node, key, { value: rnd.pick(OTHER_TYPES), enumerable: true, configurable: true });
    return json(body);
  },
};

function json(value) {
  return Buffer.from(JSON.stringify(value), 'utf8');
}

/** `X-Hub-Signature-256` of a body, as Meta signs it with the app secret. */
export function sign(body, secret) {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Body `index` of the run: its mutation, whether and how it is signed, its bytes and headers. */
export function fuzzCase({ seed, index, appSecret, webhook }) {
  const rnd = prng((seed ^ Math.imul(index + 1, 0x9e3779b1)) >>> 0);
  const mutation = rnd.pick(Object.keys(MUTATIONS));
  const signing = rnd.next() < 0.6 ? 'signed' : rnd.pick(['unsigned', 'wrong-secret']);
  const body = MUTATIONS[mutation](structuredClone(webhook), rnd);
  const headers = { 'content-type': 'application/json' };
  if (signing !== 'unsigned') {
    const secret = signing === 'signed' ? appSecret : `${appSecret}-wrong`;
    headers['x-hub-signature-256'] = sign(body, secret);
  }
  return { index, mutation, signing, body, headers };
}

/**
 * Whether the platform may store what this body carries (docs/adr/0209): signed with the app secret, UTF-8, a JSON
 * object, a Meta envelope, and every `messages` change a valid value, as the webhook-worker and the API check them.
 * `schemas` are shared's webhookEnvelopeSchema and messagesValueSchema.
 */
export function mayBeStored({ signing, body }, schemas) {
  if (signing !== 'signed') return false;
  let value;
  try {
    value = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(body));
  } catch {
    return false;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const envelope = schemas.webhookEnvelopeSchema.safeParse(value);
  if (!envelope.success) return false;
  return envelope.data.entry.every((entry) =>
    entry.changes.every(
      (change) => change.field !== 'messages' || schemas.messagesValueSchema.safeParse(change.value).success,
    ),
  );
}
