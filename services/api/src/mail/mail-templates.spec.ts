import { escapeHtml, invitationMail, passwordResetMail } from './mail-templates';

describe('mail templates', () => {
  it('should escape what people typed in the HTML part and keep it as typed in the text part', () => {
    const mail = invitationMail({
      tenantName: '<script>alert("x")</script> & Co',
      role: 'agent',
      url: 'https://app.example/accept-invitation?token=a&b',
      expiresAt: new Date('2026-12-10T12:00:00Z'),
    });

    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co');
    expect(mail.html).toContain('href="https://app.example/accept-invitation?token=a&amp;b"');
    expect(mail.text).toContain('<script>alert("x")</script> & Co');
    expect(mail.text).toContain('https://app.example/accept-invitation?token=a&b');
  });

  it('should say how long a reset link works', () => {
    const mail = passwordResetMail({ name: 'Ada', url: 'https://app.example/reset-password?token=t', ttlMinutes: 30 });

    expect(mail.subject).toBe('Reset your Aerostic password');
    expect(mail.text).toContain('for 30 minutes');
  });

  it('should escape every HTML-special character', () => {
    expect(escapeHtml(`&<>"'`)).toBe('&amp;&lt;&gt;&quot;&#39;');
  });
});
