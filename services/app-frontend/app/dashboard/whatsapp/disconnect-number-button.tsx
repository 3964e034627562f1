'use client';

import { ConfirmActionButton } from '@/components/confirm-action-button';
import { disconnectWhatsAppAction } from './actions';

/** Disconnecting stops the number's messages at once, so it takes a second, explicit click. */
export function DisconnectNumberButton({ accountId, number }: { accountId: string; number: string }) {
  return (
    <ConfirmActionButton
      action={disconnectWhatsAppAction}
      fields={{ accountId }}
      idPrefix={`disconnect-${accountId}`}
      openLabel="Disconnect"
      openAccessibleName={`Disconnect ${number}`}
      question={
        <>
          <strong className="font-semibold">Disconnect {number}?</strong> New messages to this number stop reaching
          Aerostic and replies can no longer be sent from it. Conversations already here stay.
        </>
      }
      confirmLabel="Yes, disconnect"
      pendingLabel="Disconnecting…"
      keepLabel="Keep it connected"
    />
  );
}
