/** Every security-relevant action the audit log records. Later modules append theirs here. */
export const AUDIT_ACTIONS = [
  'auth.register',
  'auth.login',
  'auth.login_failed',
  'auth.logout',
  'auth.password_changed',
  'invitation.created',
  'invitation.revoked',
  'invitation.accepted',
  'user.role_changed',
  'user.deactivated',
  'user.reactivated',
  'tenant.settings_changed',
  'whatsapp.connected',
  'whatsapp.disconnected',
  'contact.deleted',
  'contacts.imported',
  'template.created',
  'template.deleted',
  'template.header_sample_uploaded',
  'templates.synced',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
