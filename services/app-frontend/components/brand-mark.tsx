import { cn } from '@/lib/cn';

/** The wordmark, drawn inline so that no image or font is fetched. */
export function BrandMark({ className }: { className?: string }) {
  return (
    <span className={cn('inline-flex items-center gap-2 font-semibold tracking-tight text-ink', className)}>
      <span aria-hidden="true" className="grid size-7 place-items-center rounded-lg bg-brand-600 text-sm text-white">
        A
      </span>
      Aerostic
    </span>
  );
}
