import type { Metadata } from 'next';
import Link from 'next/link';
import { PASSWORD_MIN_LENGTH } from '@aerostic/shared';
import { RegisterForm } from './register-form';

export const metadata: Metadata = { title: 'Create a workspace' };

export default function RegisterPage() {
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Create your workspace</h1>
      <p className="mt-1 mb-6 text-sm text-ink-muted">
        One workspace per business. You will be its admin and can invite your team afterwards.
      </p>
      <RegisterForm passwordMinLength={PASSWORD_MIN_LENGTH} />
      <p className="mt-6 text-center text-sm text-ink-muted">
        Already have an account?{' '}
        <Link href="/login" className="font-medium text-brand-700 hover:underline">
          Log in
        </Link>
      </p>
    </>
  );
}
