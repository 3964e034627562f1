export * from './env';
export * from './production-secrets';
export * from './published-secrets';
export * from './connection-urls';
