// Shared Jest settings: SWC compiles TypeScript (with decorator metadata for NestJS); `tsc` type-checks in the build.
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true, tsx: true },
          transform: { legacyDecorator: true, decoratorMetadata: true, react: { runtime: 'automatic' } },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testMatch: [
    '<rootDir>/src/**/*.spec.ts',
    '<rootDir>/src/**/*.int-spec.ts',
    '<rootDir>/test/**/*.spec.ts',
    '<rootDir>/test/**/*.int-spec.ts',
  ],
  moduleFileExtensions: ['ts', 'tsx', 'js', 'json'],
  // otplib's hashing and base32 packages ship only ES modules, which Jest cannot require before Node 24.9:
  // SWC compiles them to CommonJS like our own code (Node itself loads them as they are).
  transformIgnorePatterns: ['/node_modules/(?!(.*/node_modules/)?(@noble|@scure)/)'],
};
