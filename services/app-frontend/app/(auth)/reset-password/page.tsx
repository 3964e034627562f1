import type { Metadata } from 'next';
import Link from 'next/link';
import { PASSWORD_MIN_LENGTH } from '@aerostic/shared';
import { ResetPasswordForm } from './reset-password-form';

export const metadata: Metadata = { title: 'Choose a new password' };

export default async function ResetPasswordPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Choose a new password</h1>
      {typeof token === 'string' && token.length > 0 ? (
        <>
          <p className="mt-1 mb-6 text-sm text-ink-muted">
            Every device signed in to your account is signed out once the password is changed.
          </p>
          <ResetPasswordForm token={token} passwordMinLength={PASSWORD_MIN_LENGTH} />
        </>
      ) : (
        <p className="mt-2 text-sm text-ink-muted">
          This link has no reset token. Open the full link from the email, or{' '}
          <Link href="/forgot-password" className="font-medium text-brand-700 hover:underline">
            ask for a new one
          </Link>
          .
        </p>
      )}
    </>
  );
}
