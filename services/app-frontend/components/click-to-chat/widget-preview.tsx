'use client';

import type { WidgetConfigDto } from '@aerostic/shared';
import { widgetPreviewDocument } from '@/lib/click-to-chat/widget-snippet';

/**
 * The real widget script in a sandboxed frame: scripts and the new tab it opens are allowed, nothing of this page is
 * reachable from it.
 */
export function WidgetPreview({
  apiUrl,
  widgetRef,
  config,
}: {
  apiUrl: string;
  widgetRef: string;
  config: WidgetConfigDto;
}) {
  return (
    <iframe
      title="Widget preview"
      sandbox="allow-scripts allow-popups allow-popups-to-escape-sandbox"
      srcDoc={widgetPreviewDocument(apiUrl, widgetRef, config)}
      className="h-72 w-full rounded-lg border border-line bg-canvas"
    />
  );
}
