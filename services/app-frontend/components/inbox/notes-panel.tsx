'use client';

import { useId, useState } from 'react';
import type { NoteDto, UserDto } from '@aerostic/shared';
import { Button } from '@/components/button';
import { fullTime } from '@/lib/inbox/inbox-format';

/** Private notes of the team: never sent to the customer, so kept apart from the messages. */
export function NotesPanel({
  notes,
  team,
  onAdd,
}: {
  notes: NoteDto[];
  team: UserDto[];
  onAdd: (body: string) => Promise<{ ok: true } | { ok: false; message: string }>;
}) {
  const [body, setBody] = useState('');
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const id = useId();
  const author = (userId: string | null) => team.find((u) => u.id === userId)?.name ?? 'A former member';
  const sorted = [...notes].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));

  return (
    <section aria-labelledby={`${id}-title`} className="flex flex-col gap-2 border-t border-line p-4 text-sm">
      <h3 id={`${id}-title`} className="text-xs font-semibold text-ink-muted uppercase">
        Private notes
      </h3>
      {sorted.length === 0 ? (
        <p className="text-xs text-ink-subtle">No notes yet. Only your team sees them.</p>
      ) : (
        <ul className="flex max-h-64 flex-col gap-2 overflow-y-auto">
          {sorted.map((note) => (
            <li key={note.id} className="rounded-md bg-warning-50 px-2 py-1">
              <p className="break-words whitespace-pre-wrap">{note.body}</p>
              <p className="text-[11px] text-ink-subtle">
                {author(note.authorUserId)} · {fullTime(note.createdAt)}
              </p>
            </li>
          ))}
        </ul>
      )}
      <form
        className="flex flex-col gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          if (!body.trim()) {
            setError('Write something before adding the note.');
            return;
          }
          setSaving(true);
          const outcome = await onAdd(body);
          setSaving(false);
          if (outcome.ok) {
            setBody('');
            setError(null);
          } else setError(outcome.message);
        }}
      >
        <label htmlFor={`${id}-body`} className="sr-only">
          New private note
        </label>
        <textarea
          id={`${id}-body`}
          value={body}
          rows={2}
          maxLength={10_000}
          placeholder="Add a note for your team…"
          onChange={(event) => setBody(event.target.value)}
          className="resize-none rounded-md border border-line bg-surface px-2 py-1 text-sm"
        />
        {error && (
          <p role="alert" className="text-xs text-danger-700">
            {error}
          </p>
        )}
        <Button type="submit" variant="secondary" pending={saving} pendingLabel="Adding…" className="self-start">
          Add note
        </Button>
      </form>
    </section>
  );
}
