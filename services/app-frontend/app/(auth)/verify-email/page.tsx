import type { Metadata } from 'next';
import { FormAlert } from '@/components/form-alert';
import { VerifyEmailForm } from './verify-email-form';

export const metadata: Metadata = { title: 'Confirm your email' };

/** Works whether or not this browser is signed in: the token alone names the account. */
export default async function VerifyEmailPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[]>>;
}) {
  const { token } = await searchParams;
  return (
    <>
      <h1 className="mb-6 text-2xl font-semibold tracking-tight">Confirm your email</h1>
      {typeof token === 'string' && token.length > 0 ? (
        <VerifyEmailForm token={token} />
      ) : (
        <FormAlert message="This link has no verification token. Open the full link from the email." />
      )}
    </>
  );
}
