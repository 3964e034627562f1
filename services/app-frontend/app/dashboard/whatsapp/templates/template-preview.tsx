import type { TemplatePreview } from '@/lib/template-form';

const BUTTON_ICONS: Record<string, string> = { URL: '↗', PHONE_NUMBER: '✆', QUICK_REPLY: '↩' };

/** The template as a WhatsApp message bubble, variables filled with their examples. */
export function TemplatePreviewBubble({
  preview,
  emptyText = 'The message appears here as you type.',
}: {
  preview: TemplatePreview;
  emptyText?: string;
}) {
  const empty = !preview.header && preview.body.trim() === '' && !preview.footer && preview.buttons.length === 0;
  return (
    <div className="rounded-lg bg-[#e5ddd5] p-3" data-testid="template-preview">
      <div className="max-w-72 rounded-lg rounded-tl-none bg-white text-sm text-[#111b21] shadow-xs">
        <div className="flex flex-col gap-1 px-3 pt-2 pb-1.5">
          {empty && <p className="text-ink-subtle italic">{emptyText}</p>}
          {preview.header && <p className="font-semibold">{preview.header}</p>}
          {preview.body.trim() !== '' && <p className="break-words whitespace-pre-wrap">{preview.body}</p>}
          {preview.footer && <p className="text-xs text-[#667781]">{preview.footer}</p>}
        </div>
        {preview.buttons.length > 0 && (
          <ul className="border-t border-[#e9edef]">
            {preview.buttons.map((button, i) => (
              <li
                key={i}
                className="flex items-center justify-center gap-1.5 border-b border-[#e9edef] px-3 py-2 text-[#027eb5] last:border-b-0"
              >
                <span aria-hidden="true">{BUTTON_ICONS[button.type] ?? '•'}</span>
                {button.text}
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
