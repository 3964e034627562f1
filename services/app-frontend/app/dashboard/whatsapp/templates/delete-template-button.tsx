'use client';

import { ConfirmActionButton } from '@/components/confirm-action-button';
import { deleteTemplateAction } from './actions';

/** Deleting removes the template at Meta too, so it takes a second, explicit click. */
export function DeleteTemplateButton({ templateId, label }: { templateId: string; label: string }) {
  return (
    <ConfirmActionButton
      action={deleteTemplateAction}
      fields={{ templateId }}
      idPrefix={`delete-template-${templateId}`}
      openLabel="Delete"
      openAccessibleName={`Delete ${label}`}
      question={
        <>
          <strong className="font-semibold">Delete {label}?</strong> It is deleted at Meta too and can no longer be
          sent. Meta does not let you reuse the name for 30 days.
        </>
      }
      confirmLabel="Yes, delete"
      pendingLabel="Deleting…"
      keepLabel="Keep it"
    />
  );
}
