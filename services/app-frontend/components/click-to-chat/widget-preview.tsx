'use client';

import type { WidgetConfigDto } from '@aerostic/shared';
import { widgetPreviewDocument } from '@/lib/click-to-chat/widget-snippet';

/**
 * The real widget script in a sandboxed frame: scripts and the new tab it opens are allowed, nothing of this page is
 * reachable from it. The frame inherits this page's Content-Security-Policy, so the script carries the page's nonce.
 */
export function WidgetPreview({
  apiUrl,
  nonce,
  widgetRef,
  config,
}: {
  apiUrl: string;
  nonce: string;
  widgetRef: string;
  config: WidgetConfigDto;
}) {
  return (
    <iframe
      title="Widget preview"
      sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
      srcDoc={widgetPreviewDocument(apiUrl, widgetRef, config, nonce)}
      className="h-72 w-full rounded-lg border border-line bg-canvas"
    />
  );
}
