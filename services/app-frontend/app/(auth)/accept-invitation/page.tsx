import type { Metadata } from 'next';
import Link from 'next/link';
import { type InvitationPreviewDto, PASSWORD_MIN_LENGTH } from '@aerostic/shared';
import { FormAlert } from '@/components/form-alert';
import { apiFetch } from '@/lib/api';
import { formatDateTime } from '@/lib/format';
import { AcceptInvitationForm } from './accept-invitation-form';

export const metadata: Metadata = { title: 'Join a workspace' };

export default async function AcceptInvitationPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = await searchParams;
  if (typeof token !== 'string' || token.length === 0) {
    return <InvalidInvitation detail="This link has no invitation token. Open the full link you were given." />;
  }

  const preview = await apiFetch<InvitationPreviewDto>(`/auth/invitations/${encodeURIComponent(token)}`, {
    token: null,
  });
  if (!preview.ok) {
    if (preview.status === 400 || preview.status === 404 || preview.status === 410) {
      return <InvalidInvitation detail="It may have been used already, revoked, or it has expired." />;
    }
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">Join a workspace</h1>
        <FormAlert message={preview.error.message} className="mt-4" />
      </>
    );
  }

  const { email, role, tenantName, expiresAt } = preview.data;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Join {tenantName}</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        You have been invited to <strong className="font-medium text-ink">{tenantName}</strong> as{' '}
        {role === 'admin' ? 'an admin' : 'an agent'}. The invitation expires {formatDateTime(expiresAt)}.
      </p>
      <AcceptInvitationForm token={token} email={email} passwordMinLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}

function InvalidInvitation({ detail }: { detail: string }) {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">This invitation link is not valid</h1>
      <p className="mt-2 text-sm text-ink-muted">{detail}</p>
      <p className="mt-2 text-sm text-ink-muted">Ask an admin of your workspace to send you a new invitation.</p>
      <p className="mt-6 text-sm">
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Go to log in
        </Link>
      </p>
    </>
  );
}
