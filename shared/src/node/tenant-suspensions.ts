/**
 * The ids of suspended workspaces, a Redis set below REDIS_PREFIX that the API keeps equal to `tenants.status` and the
 * message-worker reads before each call to Meta: the worker has no database (docs/adr/0107).
 */
export const SUSPENDED_TENANTS_KEY = 'suspended-tenants';

/** The error a send of a suspended workspace ends `failed` with; it never reached Meta. */
export const WORKSPACE_SUSPENDED_ERROR = {
  code: 0,
  title: 'Workspace suspended',
  details: 'workspace suspended: the message was not sent to WhatsApp',
} as const;
