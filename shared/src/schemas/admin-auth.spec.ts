import { adminLoginSchema, createPlatformAdminSchema, totpCodeField, updatePlatformAdminSchema } from './admin-auth';
import { fieldsOfIssues } from './issue-fields';

describe('admin auth schemas', () => {
  it('should read a one-time code typed with spaces as its six digits', () => {
    expect(totpCodeField.parse(' 123 456 ')).toBe('123456');
  });

  it.each(['12345', '1234567', '12a456', 123456])('should refuse %p as a one-time code', (code) => {
    expect(totpCodeField.safeParse(code).error?.issues[0]?.message).toBe(
      'Enter the 6-digit code your authenticator app shows',
    );
  });

  it('should take an empty code on login as no code, as a form sends it before the code is asked for', () => {
    expect(adminLoginSchema.parse({ email: 'A@B.co', password: 'pw', totp: '' })).toEqual({
      email: 'a@b.co',
      password: 'pw',
    });
  });

  it('should ask for a role or active on an admin change, and refuse an empty reason', () => {
    expect(updatePlatformAdminSchema.safeParse({ reason: 'why' }).error?.issues[0]?.message).toBe(
      'Provide at least one of: role, active',
    );
    const result = updatePlatformAdminSchema.safeParse({ active: false, reason: '  ' });
    expect(fieldsOfIssues(result.error?.issues ?? [])).toEqual({
      reason: 'Reason must not be empty: leave it out instead',
    });
  });

  it('should hold the command line to the password rules and name its options when one is unknown', () => {
    const result = createPlatformAdminSchema.safeParse({ email: 'ops@example.com', password: 'short', role: 'admin' });
    expect(fieldsOfIssues(result.error?.issues ?? [])).toEqual({
      password: 'Password must be at least 10 characters',
      role: 'Unknown field; this command takes only --email, --password and --name',
    });
  });
});
