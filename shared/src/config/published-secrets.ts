/**
 * Every secret value this repository has ever published: examples, development defaults and test fixtures.
 * They stay readable in its history, so production refuses each of them in every secret variable.
 * Add a value here whenever one is committed anywhere, even in a test.
 */
export const PUBLISHED_SECRETS: ReadonlySet<string> = new Set([
  // .env.example, before it held empty values.
  'change-me-development-only-jwt-secret-0123456789',
  'change-me-development-meta-app-secret',
  'change-me-development-verify-token',
  // Development defaults of docker-compose.yml and `npm run stack`.
  'development-only-jwt-secret-do-not-use-in-production',
  '506ea4fea0cfd89d436c9cc87b7457952a9613af18f2db649b8cb150ac43aba2',
  'development-meta-app-secret',
  'development-verify-token',
  'development-redis-password',
  'development-app-password',
  // The PostgreSQL password of .env.example and docker-compose.yml.
  'postgres',
  // The meta-sandbox README's example.
  'change-me',
  // Fixtures of the tests and benches.
  'test-app-secret',
  'test-verify-token',
  'verify-me',
  'sandbox-app-secret',
  'app-secret',
  'worker-test-secret',
  'worker-limits-secret',
  'crash-test-secret',
  'bench-app-secret',
  'bench-verify-token',
  'bench',
  'x'.repeat(32),
  'x'.repeat(40),
  'a'.repeat(64),
]);
