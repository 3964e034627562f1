// Helpers of the two Next.js frontends (server code and client components alike), kept out of the package's main
// entry, which the API and the workers load.
export * from './api-error';
export * from './api-request';
export * from './csv-download';
export * from './form-state';
export * from './format';
export * from './next-path';
export * from './session-cookie';
export * from './security-headers';
export * from './microsoft-relay';
