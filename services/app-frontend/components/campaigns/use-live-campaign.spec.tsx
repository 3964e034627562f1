/** @jest-environment jsdom */
import { act, renderHook } from '@testing-library/react';
import type { CampaignDto } from '@aerostic/shared';
import { FakeSocket } from '@/lib/fake-socket.test-support';
import { CAMPAIGN_REFRESH_MS, useLiveCampaign } from './use-live-campaign';

function campaign(overrides: Partial<CampaignDto> = {}): CampaignDto {
  return {
    id: 'c-1',
    name: 'Spring sale',
    whatsappAccountId: 'a-1',
    status: 'running',
    template: { name: 'spring_sale', language: 'en', category: 'MARKETING', variables: {} },
    audience: { tags: ['vip'] },
    scheduledAt: '2026-06-01T10:00:00Z',
    startedAt: '2026-06-01T10:00:00Z',
    pausedAt: null,
    pausedReason: null,
    completedAt: null,
    cancelledAt: null,
    estimate: { currency: 'USD', category: 'MARKETING', recipients: 3, lines: [], total: 0.075 },
    totals: {
      recipients: 3,
      pending: 0,
      queued: 3,
      sent: 0,
      delivered: 0,
      read: 0,
      replied: 0,
      failed: 0,
      skipped: 0,
      cancelled: 0,
    },
    createdAt: '2026-06-01T09:59:00Z',
    ...overrides,
  };
}

function setup(rendered: CampaignDto) {
  const socket = new FakeSocket();
  const refresh = jest.fn();
  const hook = renderHook(({ c }) => useLiveCampaign(c, refresh, () => socket.asSocket()), {
    initialProps: { c: rendered },
  });
  socket.serverSends('ready');
  act(() => jest.advanceTimersByTime(CAMPAIGN_REFRESH_MS));
  refresh.mockClear();
  return { socket, refresh, hook };
}

describe('useLiveCampaign', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('should show the totals of each update of this campaign, and read the table again once per burst', () => {
    const { socket, refresh, hook } = setup(campaign());
    const sending = campaign({ totals: { ...campaign().totals, queued: 1, sent: 2 } });
    const done = campaign({
      status: 'completed',
      totals: { ...campaign().totals, queued: 0, delivered: 2, skipped: 1 },
    });
    socket.serverSends('campaign.updated', { campaign: sending });
    expect(hook.result.current.campaign.totals.sent).toBe(2);
    socket.serverSends('campaign.updated', { campaign: done });
    expect(hook.result.current.campaign).toEqual(done);
    expect(refresh).not.toHaveBeenCalled();
    act(() => jest.advanceTimersByTime(CAMPAIGN_REFRESH_MS));
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it('should ignore the updates of other campaigns', () => {
    const { socket, refresh, hook } = setup(campaign());
    socket.serverSends('campaign.updated', { campaign: campaign({ id: 'c-2', status: 'paused' }) });
    act(() => jest.advanceTimersByTime(CAMPAIGN_REFRESH_MS));
    expect(hook.result.current.campaign.status).toBe('running');
    expect(refresh).not.toHaveBeenCalled();
  });

  it('should show the page’s newer rendering once the server renders it again', () => {
    const { socket, hook } = setup(campaign());
    socket.serverSends('campaign.updated', { campaign: campaign({ status: 'paused' }) });
    expect(hook.result.current.campaign.status).toBe('paused');
    const rerendered = campaign({ status: 'running', totals: { ...campaign().totals, queued: 0, read: 3 } });
    hook.rerender({ c: rerendered });
    expect(hook.result.current.campaign).toBe(rerendered);
  });

  it('should read the page again after a reconnection, which may have missed updates', () => {
    const { socket, refresh } = setup(campaign());
    socket.serverSends('disconnect', 'transport close');
    socket.serverSends('ready');
    act(() => jest.advanceTimersByTime(CAMPAIGN_REFRESH_MS));
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
