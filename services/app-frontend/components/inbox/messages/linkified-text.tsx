import { Fragment } from 'react';

// http(s) links and bare www. addresses; trailing punctuation stays outside the link.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
const TRAILING = /[.,;:!?)\]}'"]+$/;

export type TextPart = { kind: 'text'; value: string } | { kind: 'link'; value: string; href: string };

/** Splits text into plain runs and links. Only http(s) links are made clickable: no javascript: or data: URLs. */
export function linkify(source: string): TextPart[] {
  const parts: TextPart[] = [];
  let last = 0;
  for (const match of source.matchAll(LINK)) {
    const raw = match[0];
    const trimmed = raw.replace(TRAILING, '');
    const start = match.index;
    if (start > last) parts.push({ kind: 'text', value: source.slice(last, start) });
    const href = trimmed.toLowerCase().startsWith('www.') ? `https://${trimmed}` : trimmed;
    parts.push({ kind: 'link', value: trimmed, href });
    last = start + trimmed.length;
  }
  if (last < source.length) parts.push({ kind: 'text', value: source.slice(last) });
  return parts;
}

/** Customer text with its links clickable, rendered as React text nodes (never as HTML). */
export function LinkifiedText({ text, className }: { text: string; className?: string }) {
  return (
    <span className={className ?? 'break-words whitespace-pre-wrap'}>
      {linkify(text).map((part, index) =>
        part.kind === 'link' ? (
          <a
            key={index}
            href={part.href}
            target="_blank"
            rel="noopener noreferrer nofollow"
            className="text-brand-700 underline underline-offset-2 hover:text-brand-800"
          >
            {part.value}
          </a>
        ) : (
          <Fragment key={index}>{part.value}</Fragment>
        ),
      )}
    </span>
  );
}
