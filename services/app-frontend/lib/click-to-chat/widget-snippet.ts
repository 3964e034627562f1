import type { WidgetConfigDto } from '@aerostic/shared';

const widgetScriptUrl = (apiUrl: string) => `${apiUrl.replace(/\/+$/, '')}/click-to-chat/widget.js`;

const escapeAttribute = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The `<script>` a website owner pastes before `</body>`. */
export function widgetSnippet(apiUrl: string, ref: string): string {
  return `<script src="${escapeAttribute(widgetScriptUrl(apiUrl))}" data-ref="${escapeAttribute(ref)}" async></script>`;
}

/**
 * A page for the preview iframe: the real widget script, given the unsaved settings inline (`data-config`) so the
 * preview follows the form without saving.
 */
export function widgetPreviewDocument(apiUrl: string, ref: string, config: WidgetConfigDto, nonce: string): string {
  return (
    '<!doctype html><html><head><meta charset="utf-8"></head><body style="margin:0;background:#f4f4f5">' +
    `<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(widgetScriptUrl(apiUrl))}" ` +
    `data-ref="${escapeAttribute(ref)}" ` +
    `data-config="${escapeAttribute(JSON.stringify(config))}"></script></body></html>`
  );
}

/** The wa.me link as the API builds it, for the preview of a form not saved yet. */
export function previewWaMeUrl(displayPhoneNumber: string, prefilledText: string, ref: string): string {
  const text = prefilledText.trim() ? `${prefilledText.trim()} (ref: ${ref})` : `(ref: ${ref})`;
  return `https://wa.me/${displayPhoneNumber.replace(/\D/g, '')}?text=${encodeURIComponent(text)}`;
}
