import type { ReactNode } from 'react';

/** A person in a table: name (and a marker such as "you"), with the email under it. */
export function PersonCell({ name, email, marker }: { name: string; email: string; marker?: ReactNode }) {
  return (
    <>
      <span className="block font-medium">
        {name}
        {marker && <span className="ml-1 text-xs font-normal text-ink-subtle">{marker}</span>}
      </span>
      <span className="break-all text-ink-muted">{email}</span>
    </>
  );
}
