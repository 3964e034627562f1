import type { TemplatePreview } from '@/lib/templates/template-form';

const BUTTON_ICONS: Record<string, string> = { URL: '↗', PHONE_NUMBER: '✆', QUICK_REPLY: '↩' };
const MEDIA_PLACEHOLDERS = {
  IMAGE: { icon: '▧', label: 'Image' },
  VIDEO: { icon: '▶', label: 'Video' },
  DOCUMENT: { icon: '▤', label: 'PDF document' },
} as const;

/** A media header: the chosen image itself, else a placeholder saying what the customer will get. */
function HeaderMedia({ media }: { media: NonNullable<TemplatePreview['media']> }) {
  if (media.format === 'IMAGE' && media.imageUrl) {
    return (
      // A local object URL of the chosen file: nothing for Next's image optimiser to fetch.
      <img
        src={media.imageUrl}
        alt={media.fileName ? `Header image: ${media.fileName}` : 'Header image'}
        className="max-h-48 w-full rounded-md object-cover"
      />
    );
  }
  const { icon, label } = MEDIA_PLACEHOLDERS[media.format];
  return (
    <div className="flex h-28 flex-col items-center justify-center gap-1 rounded-md bg-[#d1d7db] px-2 text-[#3b4a54]">
      <span aria-hidden="true" className="text-2xl">
        {icon}
      </span>
      <span className="max-w-full truncate text-xs">
        {label} header{media.fileName ? `: ${media.fileName}` : ''}
      </span>
    </div>
  );
}

/** The template as a WhatsApp message bubble, variables filled with their examples. */
export function TemplatePreviewBubble({
  preview,
  emptyText = 'The message appears here as you type.',
}: {
  preview: TemplatePreview;
  emptyText?: string;
}) {
  const empty =
    !preview.header && !preview.media && preview.body.trim() === '' && !preview.footer && preview.buttons.length === 0;
  return (
    <div className="rounded-lg bg-[#e5ddd5] p-3" data-testid="template-preview">
      <div className="max-w-72 rounded-lg rounded-tl-none bg-white text-sm text-[#111b21] shadow-xs">
        {preview.media && (
          <div className="px-1 pt-1">
            <HeaderMedia media={preview.media} />
          </div>
        )}
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
