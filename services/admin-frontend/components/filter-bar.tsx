import Link from 'next/link';
import type { ReactNode } from 'react';
import { Button } from './ui/button';
import type { ChoiceOption } from './ui/fields';
import type { FieldSpec } from './ui/form-fields';

/**
 * A list's filters as a plain GET form: the URL holds them, so a filtered list can be bookmarked, shared and
 * reloaded, and the form works before scripts load. Submitting starts from the first page.
 */
export function FilterBar({ label, path, children }: { label: string; path: string; children: ReactNode }) {
  return (
    <form method="get" action={path} role="search" aria-label={label} className="mb-4 flex flex-wrap items-end gap-3">
      {children}
      <div className="flex gap-2">
        <Button type="submit" look="primary">
          Apply
        </Button>
        <Link href={path} className="self-center text-sm font-medium text-brand-700 hover:underline">
          Clear
        </Link>
      </div>
    </form>
  );
}

/** A filter picked from a list, starting at the value the URL holds ("" for any). */
export function choiceFilter<K extends string>(
  name: K,
  label: string,
  options: readonly ChoiceOption[],
  filters: Partial<Record<K, string>>,
): FieldSpec {
  return { kind: 'choice', name, label, options, defaultValue: filters[name] ?? '' };
}
