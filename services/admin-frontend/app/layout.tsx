import type { Metadata } from 'next';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Aerostic Admin', template: '%s · Aerostic Admin' },
  description: 'Platform administration for Aerostic.',
  // The panel is for staff only; keep it out of search engines.
  robots: { index: false, follow: false },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request, so that Next.js puts the request's CSP nonce (middleware.ts) on its scripts.
  await connection();
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
