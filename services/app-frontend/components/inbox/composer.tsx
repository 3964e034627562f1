'use client';

import { type RefObject, useEffect, useId, useRef, useState } from 'react';
import { type MessageDto, type PlanLimitWayOut, messagePreview } from '@aerostic/shared';
import { Button } from '@/components/button';
import { WayOutLink } from '@/components/way-out-link';
import { type WindowState } from '@/lib/inbox/inbox-format';
import { ACCEPTED_MIME_TYPES, type UploadResult, checkAttachment, uploadMedia } from '@/lib/inbox/inbox-media';
import type { TemplatesState } from '@/lib/inbox/inbox-templates';
import type { OutgoingMessage, SendOutcome, SuggestOutcome } from '@/lib/inbox/inbox-thread';
import { EmojiPicker } from './emoji-picker';
import { PaperclipIcon } from './icons';
import { type InteractiveInput, ReplyButtonsForm } from './reply-buttons-form';
import { TemplatePicker } from './template-picker';

export interface ComposerProps {
  whatsappAccountId: string;
  window: WindowState;
  replyTo: MessageDto | null;
  onCancelReply: () => void;
  onSend: (message: OutgoingMessage) => Promise<SendOutcome>;
  templates: TemplatesState;
  /** Asks for the templates the first time the picker opens. */
  onNeedTemplates: () => void;
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
  upload?: typeof uploadMedia;
  /** Opens the template picker from outside (a failed message's "Send a template instead"). */
  templateRequest?: number;
  /** The customer opted out of marketing: the picker says why marketing templates cannot be chosen. */
  marketingOptedOut?: boolean;
  /** The customer has not shared a phone number: offer to ask for it (WhatsApp's request_contact_info). */
  canAskForPhone?: boolean;
  /** Asks the AI for a draft of the reply; absent: no "Suggest a reply" button. The draft is never sent by itself. */
  onSuggest?: () => Promise<SuggestOutcome>;
}

/** What the request for a phone number says when the agent typed nothing. */
export const ASK_FOR_PHONE_TEXT = 'Could you share your phone number with us? Tap the button below to send it.';

type Mode = 'text' | 'template' | 'buttons';

export function Composer({
  whatsappAccountId,
  window,
  replyTo,
  onCancelReply,
  onSend,
  templates,
  onNeedTemplates,
  textareaRef,
  upload = uploadMedia,
  templateRequest = 0,
  marketingOptedOut = false,
  canAskForPhone = false,
  onSuggest,
}: ComposerProps) {
  const [mode, setMode] = useState<Mode>('text');
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The plan's limit that refused the last send, shown with the error it came with (and forgotten with it).
  const [limit, setLimit] = useState<{ message: string; wayOut: PlanLimitWayOut } | null>(null);
  const wayOut = limit && limit.message === error ? limit.wayOut : undefined;
  const [progress, setProgress] = useState<number | null>(null);
  const [suggesting, setSuggesting] = useState(false);
  const fileRef = useRef<HTMLInputElement>(null);
  const ownTextarea = useRef<HTMLTextAreaElement>(null);
  const textarea = textareaRef ?? ownTextarea;
  const hintId = useId();

  const effectiveMode: Mode = window.open ? mode : 'template';
  useEffect(() => {
    if (effectiveMode === 'template') onNeedTemplates();
  }, [effectiveMode, onNeedTemplates]);
  // "Send a template instead" on a failed message opens the picker (state adjusted during render, not in an effect).
  const [seenRequest, setSeenRequest] = useState(templateRequest);
  if (templateRequest !== seenRequest) {
    setSeenRequest(templateRequest);
    setMode('template');
  }

  const reply = replyTo ? { replyToMessageId: replyTo.id } : {};

  async function send(message: OutgoingMessage): Promise<boolean> {
    setSending(true);
    setError(null);
    try {
      const outcome = await onSend(message);
      if (!outcome.ok) {
        setError(outcome.message);
        setLimit(outcome.wayOut ? { message: outcome.message, wayOut: outcome.wayOut } : null);
      }
      return outcome.ok;
    } finally {
      setSending(false);
    }
  }

  async function sendText() {
    const body = text.trim();
    if (!body || sending) return;
    if (body.length > 4096) {
      setError(`The message is ${body.length} characters; WhatsApp takes up to 4,096.`);
      return;
    }
    if (await send({ type: 'text', text: { body }, ...reply })) {
      setText('');
      onCancelReply();
    }
  }

  /** Puts the AI's draft in the composer, below what the agent typed already, for them to edit and send. */
  async function suggest() {
    if (!onSuggest || suggesting) return;
    setSuggesting(true);
    setError(null);
    try {
      const outcome = await onSuggest();
      if (!outcome.ok) {
        setError(outcome.message);
        return;
      }
      const typed = text.trimEnd();
      setText(typed ? `${typed}\n\n${outcome.text}` : outcome.text);
      requestAnimationFrame(() => textarea.current?.focus());
    } finally {
      setSuggesting(false);
    }
  }

  /** Sends WhatsApp's "share your phone number" request, with the typed text as its message if there is one. */
  async function askForPhone() {
    if (sending) return;
    const body = text.trim() || ASK_FOR_PHONE_TEXT;
    if (body.length > 1024) {
      setError(`The request is ${body.length} characters; WhatsApp takes up to 1,024.`);
      return;
    }
    const interactive = {
      type: 'request_contact_info',
      body: { text: body },
      action: { name: 'request_contact_info' },
    };
    if (await send({ type: 'interactive', interactive, ...reply })) {
      setText('');
      onCancelReply();
    }
  }

  async function attach(file: File) {
    const check = checkAttachment(file);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setError(null);
    setSending(true);
    setProgress(0);
    let result: UploadResult;
    try {
      result = await upload(file, whatsappAccountId, setProgress);
    } finally {
      setProgress(null);
      setSending(false);
    }
    if (!result.ok) {
      setError(result.message);
      return;
    }
    const caption = text.trim();
    const kind = check.kind;
    const media: Record<string, string> = { id: result.media.id };
    if (caption && (kind === 'image' || kind === 'video' || kind === 'document'))
      media.caption = caption.slice(0, 1024);
    if (kind === 'document') media.filename = file.name.slice(0, 240);
    if (await send({ type: kind, [kind]: media, ...reply })) {
      if (media.caption) setText('');
      onCancelReply();
    }
  }

  if (effectiveMode === 'template') {
    return (
      <section aria-label="Composer" className="border-t border-line bg-surface p-3">
        {!window.open && (
          <p className="mb-2 rounded-md bg-warning-50 px-3 py-2 text-sm text-warning-700">
            More than 24 hours have passed since the customer last wrote (or they have not written yet), so WhatsApp
            only allows approved templates. The window opens again when the customer replies.
          </p>
        )}
        <TemplatePicker
          templates={templates}
          sending={sending}
          onSend={async (template) => {
            if (await send({ type: 'template', template })) setMode('text');
          }}
          onCancel={window.open ? () => setMode('text') : undefined}
          marketingOptedOut={marketingOptedOut}
        />
        <ComposerError error={error} wayOut={wayOut} />
      </section>
    );
  }

  if (effectiveMode === 'buttons') {
    return (
      <section aria-label="Composer" className="border-t border-line bg-surface p-3">
        <ReplyButtonsForm
          sending={sending}
          onCancel={() => setMode('text')}
          onSend={async (interactive: InteractiveInput) => {
            if (await send({ type: 'interactive', interactive, ...reply })) setMode('text');
          }}
        />
        <ComposerError error={error} wayOut={wayOut} />
      </section>
    );
  }

  return (
    <section aria-label="Composer" className="border-t border-line bg-surface p-3">
      {replyTo && (
        <div className="mb-2 flex items-start justify-between gap-2 rounded-md border-l-4 border-brand-500 bg-canvas px-2 py-1 text-xs">
          <span className="min-w-0">
            <span className="block font-medium">
              Replying to {replyTo.direction === 'outbound' ? 'your message' : 'the customer'}
            </span>
            <span className="line-clamp-1 text-ink-muted">{messagePreview(replyTo.type, replyTo.content ?? {})}</span>
          </span>
          <button
            type="button"
            onClick={onCancelReply}
            className="text-ink-muted underline"
            aria-label="Cancel the reply"
          >
            Cancel
          </button>
        </div>
      )}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void sendText();
        }}
        className="flex items-end gap-2"
      >
        <div className="flex items-center">
          <EmojiPicker
            disabled={sending}
            onPick={(emoji) => {
              const el = textarea.current;
              const start = el?.selectionStart ?? text.length;
              const end = el?.selectionEnd ?? text.length;
              setText(text.slice(0, start) + emoji + text.slice(end));
              requestAnimationFrame(() => {
                el?.focus();
                el?.setSelectionRange(start + emoji.length, start + emoji.length);
              });
            }}
          />
          <button
            type="button"
            disabled={sending}
            aria-label="Attach a file"
            onClick={() => fileRef.current?.click()}
            className="rounded-md px-2 py-2 text-ink-muted hover:bg-canvas hover:text-ink disabled:opacity-50"
          >
            <PaperclipIcon />
          </button>
          <input
            ref={fileRef}
            type="file"
            accept={ACCEPTED_MIME_TYPES}
            className="sr-only"
            tabIndex={-1}
            aria-label="File to send"
            onChange={(event) => {
              const file = event.target.files?.[0];
              event.target.value = '';
              if (file) void attach(file);
            }}
          />
        </div>
        <label htmlFor={`${hintId}-text`} className="sr-only">
          Message
        </label>
        <textarea
          id={`${hintId}-text`}
          ref={textarea}
          value={text}
          rows={2}
          placeholder="Write a reply… (Enter sends, Shift+Enter for a new line)"
          aria-describedby={hintId}
          onChange={(event) => setText(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
              event.preventDefault();
              void sendText();
            }
            if (event.key === 'Escape') event.currentTarget.blur();
          }}
          className="min-h-10 flex-1 resize-none rounded-lg border border-line bg-surface px-3 py-2 text-sm"
        />
        <Button
          type="submit"
          pending={sending && progress === null}
          pendingLabel="Sending…"
          disabled={!text.trim() || sending}
        >
          Send
        </Button>
      </form>
      <div className="mt-2 flex flex-wrap items-center gap-3 text-xs">
        <span id={hintId} className="text-ink-subtle">
          {window.label}
        </span>
        <button type="button" className="text-brand-700 underline" onClick={() => setMode('template')}>
          Template
        </button>
        <button type="button" className="text-brand-700 underline" onClick={() => setMode('buttons')}>
          Reply buttons
        </button>
        {onSuggest && (
          <button
            type="button"
            className="text-brand-700 underline disabled:opacity-50"
            disabled={suggesting || sending}
            aria-busy={suggesting}
            onClick={() => void suggest()}
            title="The AI drafts a reply from the knowledge base; you edit it and send it"
          >
            {suggesting ? 'Drafting a reply…' : 'Suggest a reply'}
          </button>
        )}
        {canAskForPhone && (
          <button
            type="button"
            className="text-brand-700 underline disabled:opacity-50"
            disabled={sending}
            onClick={() => void askForPhone()}
            title="Sends WhatsApp's request to share their number; what you typed becomes its message"
          >
            Ask for phone number
          </button>
        )}
        {progress !== null && (
          <span className="flex items-center gap-2">
            <label htmlFor={`${hintId}-progress`}>Uploading</label>
            <progress id={`${hintId}-progress`} max={1} value={progress} className="h-2 w-32" />
            <span>{Math.round(progress * 100)}%</span>
          </span>
        )}
      </div>
      <ComposerError error={error} wayOut={wayOut} />
    </section>
  );
}

/** Why the last send or upload failed; a plan's limit adds the way to a plan that allows more. */
function ComposerError({ error, wayOut }: { error: string | null; wayOut?: PlanLimitWayOut }) {
  if (!error) return null;
  return (
    <p role="alert" className="mt-2 text-sm text-danger-700">
      {error}
      {wayOut && (
        <>
          {' '}
          <WayOutLink wayOut={wayOut} />
        </>
      )}
    </p>
  );
}
