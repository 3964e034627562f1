'use client';

import { type KeyboardEvent, type ReactNode, useEffect, useRef } from 'react';

interface ModalDialogProps {
  open: boolean;
  /** Escape, the close button and a cancel all end here; the opener puts focus back. */
  onClose: () => void;
  /** Unique on the page; names the dialog's title and description. */
  id: string;
  title: string;
  description?: ReactNode;
  children: ReactNode;
}

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(', ');

/**
 * A modal dialog on the native `<dialog>`: the page behind is inert, Escape closes it, and Tab cycles inside it.
 * It is labelled by its title and described by its description.
 */
export function ModalDialog({ open, onClose, id, title, description, children }: ModalDialogProps) {
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  // showModal() keeps focus out of the page, but Tab would still leave for the browser's own controls.
  function keepFocusInside(event: KeyboardEvent<HTMLDialogElement>) {
    if (event.key !== 'Tab' || !ref.current) return;
    const focusable = Array.from(ref.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) return;
    if (event.shiftKey && document.activeElement === first) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && document.activeElement === last) {
      event.preventDefault();
      first.focus();
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={`${id}-title`}
      aria-describedby={description ? `${id}-description` : undefined}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      onKeyDown={keepFocusInside}
      className="m-auto w-[min(32rem,calc(100vw-2rem))] rounded-(--radius-card) border border-line bg-surface p-0 text-ink shadow-xl"
    >
      {open && (
        <div className="p-5">
          <h2 id={`${id}-title`} className="text-lg font-semibold">
            {title}
          </h2>
          {description && (
            <div id={`${id}-description`} className="mt-1 text-sm text-ink-muted">
              {description}
            </div>
          )}
          <div className="mt-4">{children}</div>
        </div>
      )}
    </dialog>
  );
}
