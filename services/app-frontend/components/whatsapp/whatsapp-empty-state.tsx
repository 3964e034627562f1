/** What connecting a number does, for a workspace that has none yet. */
export function WhatsAppEmptyState() {
  return (
    <div className="rounded-lg border border-dashed border-line p-5 text-sm text-ink-muted">
      <p className="text-base font-semibold text-ink">No WhatsApp number connected yet</p>
      <p className="mt-2">Connecting a number takes a few minutes in a window from Meta, where you:</p>
      <ol className="mt-2 list-decimal space-y-1 pl-5">
        <li>log in with the Facebook account that manages your business;</li>
        <li>choose or create your WhatsApp Business Account and its display name;</li>
        <li>add or choose the phone number and verify it with a code.</li>
      </ol>
      <p className="mt-3">
        Once it is connected, customers’ messages to that number arrive in the shared inbox and your team replies from
        Aerostic. The number can no longer be used in the WhatsApp or WhatsApp Business app at the same time. You can
        disconnect it here at any time.
      </p>
    </div>
  );
}
