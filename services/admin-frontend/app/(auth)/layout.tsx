import type { ReactNode } from 'react';

export default function SignInLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center bg-chrome px-4 py-12">
      <header className="mb-8 text-lg font-semibold text-white">
        Aerostic <span className="font-normal text-chrome-ink">Admin</span>
      </header>
      <main className="w-full max-w-md rounded-(--radius-card) bg-surface p-8 shadow-lg">{children}</main>
      <footer className="mt-6 max-w-md text-center text-xs text-chrome-ink">
        For Aerostic staff. Businesses and their agents sign in to the Aerostic dashboard instead.
      </footer>
    </div>
  );
}
