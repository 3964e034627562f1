import type { z } from 'zod';
import { parseEncryptionKey } from '../utils/crypto';
import { PUBLISHED_SECRETS } from './published-secrets';

interface SecretRule {
  /** The shortest value production accepts. */
  minLength: number;
  /** Where a real value comes from; quoted in every refusal. */
  remedy: string;
}

/**
 * What production asks of each secret; a URL's secret is its password. Development and tests take any value,
 * so the fixed development defaults keep `docker compose up` and `npm run stack` down to one command.
 */
export const PRODUCTION_SECRETS = {
  JWT_SECRET: { minLength: 32, remedy: 'generate one with `openssl rand -hex 32`' },
  // Its format already makes it 32 bytes (64 hex or 44 base64 characters).
  ENCRYPTION_KEY: { minLength: 44, remedy: 'generate one with `openssl rand -hex 32`' },
  // Meta's app secrets are 32 hex characters.
  META_APP_SECRET: { minLength: 32, remedy: "copy the app's own from Meta's App Dashboard (App settings > Basic)" },
  META_VERIFY_TOKEN: { minLength: 32, remedy: 'generate one with `openssl rand -hex 16`' },
  DATABASE_URL: { minLength: 16, remedy: 'generate one with `openssl rand -hex 24`' },
  REDIS_URL: { minLength: 16, remedy: 'generate one with `openssl rand -hex 24`' },
} as const satisfies Record<string, SecretRule>;
type SecretName = keyof typeof PRODUCTION_SECRETS;

function problemOf(value: string, rule: SecretRule, subject: string, published: boolean): string | undefined {
  if (published) {
    return `${subject} a value this repository has published (its history is public); ${rule.remedy}`;
  }
  if (value.length < rule.minLength) {
    return `${subject} ${value.length} characters; production needs at least ${rule.minLength}: ${rule.remedy}`;
  }
  return undefined;
}

/** The key as lower-case hex, so that another spelling of a published key (upper case, base64) is caught. */
function keyAsHex(value: string): string | undefined {
  try {
    return parseEncryptionKey(value).toString('hex');
  } catch {
    return undefined;
  }
}

function passwordOf(url: string): string | undefined {
  try {
    return decodeURIComponent(new URL(url).password);
  } catch {
    return undefined;
  }
}

/** Why production refuses this value of the variable, or undefined when it is fit; never quotes the value. */
export function productionSecretProblem(name: SecretName, value: string): string | undefined {
  const rule: SecretRule = PRODUCTION_SECRETS[name];
  if (name === 'DATABASE_URL' || name === 'REDIS_URL') {
    const password = passwordOf(value);
    // A malformed URL is reported by the URL check itself.
    if (password === undefined) return undefined;
    if (password === '') {
      // Redis may sit on a private network without a password; PostgreSQL always has one in production.
      return name === 'DATABASE_URL'
        ? `has no password; production needs one of at least ${rule.minLength} characters: ${rule.remedy}`
        : undefined;
    }
    return problemOf(password, rule, 'has a password that is', PUBLISHED_SECRETS.has(password));
  }
  const hex = name === 'ENCRYPTION_KEY' ? keyAsHex(value) : undefined;
  const published = PUBLISHED_SECRETS.has(value) || (hex !== undefined && PUBLISHED_SECRETS.has(hex));
  return problemOf(value, rule, 'is', published);
}

/**
 * With NODE_ENV=production, refuses every secret that is published or too short, naming its variable. Runs with
 * the other variables' problems (hence `when`), so that one start-up names everything there is to fix.
 */
export function refuseWeakSecretsInProduction<T extends z.ZodObject>(schema: T): T {
  return schema.superRefine(
    (env, ctx) => {
      const values = env as Record<string, unknown>;
      if (values.NODE_ENV !== 'production') return;
      const reported = new Set(ctx.issues.map((issue) => issue.path?.[0]));
      for (const name of Object.keys(PRODUCTION_SECRETS) as SecretName[]) {
        const value = values[name];
        // A variable already refused by its own check (missing, malformed) is named once.
        if (typeof value !== 'string' || reported.has(name)) continue;
        const problem = productionSecretProblem(name, value);
        if (problem) ctx.addIssue({ code: 'custom', message: problem, path: [name] });
      }
      // An old key is still a key that opens production secrets: a published one is refused like ENCRYPTION_KEY.
      const old = values.ENCRYPTION_KEYS_OLD;
      if (typeof old === 'string' && !reported.has('ENCRYPTION_KEYS_OLD')) {
        const published = old.split(',').some((k) => {
          const hex = keyAsHex(k.trim());
          return PUBLISHED_SECRETS.has(k.trim()) || (hex !== undefined && PUBLISHED_SECRETS.has(hex));
        });
        if (published) {
          const problem = `holds a key this repository has published (its history is public); ${PRODUCTION_SECRETS.ENCRYPTION_KEY.remedy}`;
          ctx.addIssue({ code: 'custom', message: problem, path: ['ENCRYPTION_KEYS_OLD'] });
        }
      }
    },
    { when: () => true },
  );
}
