'use client';

import { useEffect, useRef, useState } from 'react';
import type { CampaignDto } from '@aerostic/shared';
import type { Socket } from 'socket.io-client';
import { type RealtimeStatus, useRealtime } from '@/lib/realtime';

/** Events come at most once a second per campaign; the server part of the page is read again at most this often. */
export const CAMPAIGN_REFRESH_MS = 1_000;

/**
 * The campaign as the latest `campaign.updated` for it says, until the server renders the page again (then the
 * rendered one, which is at least as new). `refresh` re-renders the server part (the recipients table) shortly
 * after each event and after each (re)connection, which may have missed some.
 */
export function useLiveCampaign(
  rendered: CampaignDto,
  refresh: () => void,
  connect?: () => Socket,
): { campaign: CampaignDto; status: RealtimeStatus } {
  const [live, setLive] = useState<{ campaign: CampaignDto; basis: CampaignDto } | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const refreshSoon = (): void => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      refresh();
    }, CAMPAIGN_REFRESH_MS);
  };
  const status = useRealtime(
    {
      'campaign.updated': ({ campaign }) => {
        if (campaign.id !== rendered.id) return;
        setLive({ campaign, basis: rendered });
        refreshSoon();
      },
      onCatchUp: refreshSoon,
    },
    connect,
  );
  return { campaign: live && live.basis === rendered ? live.campaign : rendered, status };
}
