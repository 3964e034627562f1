/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import type { WhatsAppAccountDto } from '@aerostic/shared';
import { WhatsAppAccountCard } from './whatsapp-account-card';

const ACCOUNT: WhatsAppAccountDto = {
  id: '7f1d0c3e-2a4b-4c5d-8e6f-0a1b2c3d4e5f',
  wabaId: '102290129340398',
  phoneNumberId: '106540352242922',
  displayPhoneNumber: '15550783881',
  verifiedName: 'Jasper’s Market',
  qualityRating: 'GREEN',
  throughputLevel: 'STANDARD',
  messagesPerSecond: 80,
  messagingLimitTier: 'TIER_1K',
  metaStatus: 'CONNECTED',
  metaStatusReason: null,
  metaStatusChangedAt: null,
  status: 'connected',
  tokenStatus: 'valid',
  tokenExpiresAt: null,
  lastCheckedAt: '2026-12-01T03:00:00.000Z',
  sendingSlowedUntil: null,
  createdAt: '2026-11-30T09:00:00.000Z',
};

describe('WhatsAppAccountCard', () => {
  it('should say nothing about the pace while the number sends at its full rate', () => {
    render(<WhatsAppAccountCard account={ACCOUNT} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('should say the number is in good standing, with no notice, while Meta reports it connected', () => {
    render(<WhatsAppAccountCard account={ACCOUNT} />);
    expect(screen.getByText('In good standing')).toBeTruthy();
    expect(screen.queryByTestId('meta-standing')).toBeNull();
  });

  it('should say Meta restricted the number, since when, why, and what it means', () => {
    render(
      <WhatsAppAccountCard
        account={{
          ...ACCOUNT,
          metaStatus: 'RESTRICTED',
          metaStatusReason: 'Meta restricted the account: no messages may start conversations until 2026-12-13',
          metaStatusChangedAt: '2026-12-06T08:00:00.000Z',
        }}
      />,
    );
    const notice = screen.getByTestId('meta-standing');
    expect(notice.textContent).toMatch(/Restricted by Meta since 6 Dec 2026.*08:00 UTC/);
    expect(notice.textContent).toMatch(/no messages may start conversations until 2026-12-13\./);
    expect(notice.textContent).toMatch(/marked failed in the inbox/);
  });

  it('should warn that the limit drops when Meta flags the number for low quality', () => {
    render(<WhatsAppAccountCard account={{ ...ACCOUNT, metaStatus: 'FLAGGED', qualityRating: 'RED' }} />);
    expect(screen.getByTestId('meta-standing').textContent).toMatch(/lowers this number’s messaging limit/);
    expect(screen.getByText('Low')).toBeTruthy();
  });

  it('should say until when Meta’s spam rate limit slows the number down', () => {
    render(<WhatsAppAccountCard account={{ ...ACCOUNT, sendingSlowedUntil: '2026-12-02T17:30:00.000Z' }} />);
    const notice = screen.getByRole('status');
    expect(notice.textContent).toMatch(/blocked or reported as spam/);
    expect(notice.textContent).toMatch(/10 times slower, until .*17:30.* UTC/);
  });

  it('should raise no warning about the token while Meta accepts it', () => {
    render(<WhatsAppAccountCard account={{ ...ACCOUNT, tokenExpiresAt: '2027-02-01T00:00:00.000Z' }} />);
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText(/1 Dec 2026.*03:00 UTC/)).toBeTruthy();
  });

  it('should warn when the token expires soon, saying when and how to renew it', () => {
    render(
      <WhatsAppAccountCard
        account={{ ...ACCOUNT, tokenStatus: 'expiring', tokenExpiresAt: '2026-12-04T09:15:00.000Z' }}
      />,
    );
    const warning = screen.getByRole('alert');
    expect(warning.textContent).toMatch(/expires on 4 Dec 2026.*09:15 UTC/);
    expect(warning.textContent).toMatch(/Connect WhatsApp number.*choose this number again/);
    expect(screen.getByText('Expires soon')).toBeTruthy();
  });

  it('should say replies cannot be sent and how to reconnect when the token is invalid', () => {
    render(<WhatsAppAccountCard account={{ ...ACCOUNT, tokenStatus: 'invalid' }} />);
    const warning = screen.getByRole('alert');
    expect(warning.textContent).toMatch(/Replies cannot be sent/);
    expect(warning.textContent).toMatch(/Connect WhatsApp number/);
  });
});
