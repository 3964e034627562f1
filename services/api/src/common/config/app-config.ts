import { type ApiEnv } from '@aerostic/shared';

/** The API's parsed environment. Injected with `@Inject(APP_CONFIG)`; tests provide their own. */
export const APP_CONFIG = Symbol('APP_CONFIG');
export type AppConfig = ApiEnv;
