import type { RealtimeStatus } from '@/lib/realtime';

/** Says when live updates stopped, and why, so an agent does not wait for messages that cannot arrive. */
export function ConnectionBanner({ status }: { status: RealtimeStatus }) {
  if (status === 'live' || status === 'connecting') return null;
  return (
    <p role="status" className="bg-warning-50 px-4 py-1 text-center text-xs text-warning-700">
      {status === 'refused'
        ? 'Live updates are off: your session was not accepted. Reload the page or log in again.'
        : 'Connection lost. Reconnecting… New messages will appear once it is back.'}
    </p>
  );
}
