import type { ReactNode } from 'react';
import { BrandMark } from '@/components/brand-mark';

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-12">
      <BrandMark className="mb-8 text-lg" />
      <main className="w-full max-w-md rounded-(--radius-card) border border-line bg-surface p-8 shadow-sm">
        {children}
      </main>
    </div>
  );
}
