/** Role choices for forms; the values are the API's `UserRole`. */
export const ROLE_OPTIONS = [
  { value: 'agent', label: 'Agent: works the inbox' },
  { value: 'admin', label: 'Admin: also manages team and settings' },
] as const;

export const ROLE_OPTIONS_SHORT = [
  { value: 'agent', label: 'Agent' },
  { value: 'admin', label: 'Admin' },
] as const;
