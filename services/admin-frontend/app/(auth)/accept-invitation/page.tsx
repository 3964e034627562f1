import type { Metadata } from 'next';
import Link from 'next/link';
import { type AdminInvitationPreviewDto, PASSWORD_MIN_LENGTH } from '@aerostic/shared';
import { formatDateTime } from '@aerostic/shared/web';
import { Notice } from '@/components/ui/notice';
import { apiFetch } from '@/lib/api';
import { ADMIN_ROLE_LABELS } from '@/lib/labels';
import { param, type SearchParams } from '@/lib/search-params';
import { AcceptForm } from './accept-form';

export const metadata: Metadata = { title: 'Join the admin team' };

export default async function AcceptInvitationPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const token = param(await searchParams, 'token');
  if (!token) return <LinkNotValid detail="This link has no invitation token. Open the whole link you were sent." />;

  const preview = await apiFetch<AdminInvitationPreviewDto>(`/admin/auth/invitations/${encodeURIComponent(token)}`, {
    token: null,
  });
  if (!preview.ok) {
    if ([400, 404, 410].includes(preview.status)) {
      return <LinkNotValid detail="It may have been used already, revoked, or it has expired." />;
    }
    return (
      <>
        <h1 className="text-2xl font-semibold tracking-tight">Join the admin team</h1>
        <Notice tone="error" className="mt-4">
          {preview.error.message}
        </Notice>
      </>
    );
  }

  const { email, role, expiresAt } = preview.data;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Join the admin team</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        You are invited to run Aerostic as <strong className="font-medium text-ink">{ADMIN_ROLE_LABELS[role]}</strong>.
        The invitation expires {formatDateTime(expiresAt)}.
      </p>
      <AcceptForm token={token} email={email} minLength={PASSWORD_MIN_LENGTH} />
    </>
  );
}

function LinkNotValid({ detail }: { detail: string }) {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">This invitation link is not valid</h1>
      <p className="mt-2 text-sm text-ink-muted">{detail}</p>
      <p className="mt-2 text-sm text-ink-muted">Ask a super admin to invite you again.</p>
      <p className="mt-6 text-sm">
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Go to sign in
        </Link>
      </p>
    </>
  );
}
