'use client';

import { ConfirmActionButton } from '@/components/confirm-action-button';
import { type FormState } from '@/lib/form-state';

/** Revoking cuts off whatever uses the key at once, so it takes a second, explicit click. */
export function RevokeApiKeyButton({
  keyId,
  name,
  action,
}: {
  keyId: string;
  name: string;
  action: (previous: FormState, formData: FormData) => Promise<FormState>;
}) {
  return (
    <ConfirmActionButton
      action={action}
      fields={{ keyId }}
      idPrefix={`revoke-${keyId}`}
      openLabel="Revoke"
      openAccessibleName={`Revoke ${name}`}
      question={
        <>
          <strong className="font-semibold">Revoke “{name}”?</strong> Every request with this key is refused from now
          on. This cannot be undone.
        </>
      }
      confirmLabel="Yes, revoke"
      pendingLabel="Revoking…"
      keepLabel="Keep it"
    />
  );
}
