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
  status: 'connected',
  tokenStatus: 'valid',
  sendingSlowedUntil: null,
  createdAt: '2026-11-30T09:00:00.000Z',
};

describe('WhatsAppAccountCard', () => {
  it('should say nothing about the pace while the number sends at its full rate', () => {
    render(<WhatsAppAccountCard account={ACCOUNT} />);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('should say until when Meta’s spam rate limit slows the number down', () => {
    render(<WhatsAppAccountCard account={{ ...ACCOUNT, sendingSlowedUntil: '2026-12-02T17:30:00.000Z' }} />);
    const notice = screen.getByRole('status');
    expect(notice.textContent).toMatch(/blocked or reported as spam/);
    expect(notice.textContent).toMatch(/10 times slower, until .*17:30.* UTC/);
  });
});
