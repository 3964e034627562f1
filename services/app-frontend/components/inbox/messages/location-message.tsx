import { num, text } from '@/lib/inbox/inbox-content';
import type { MessageRendererProps } from './message-types';

/** A link to OpenStreetMap: no map script or tiles are loaded into the dashboard. */
export function mapLink(latitude: number, longitude: number): string {
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
}

export function LocationMessage({ message }: MessageRendererProps) {
  const latitude = num(message.content, 'location', 'latitude');
  const longitude = num(message.content, 'location', 'longitude');
  const name = text(message.content, 'location', 'name');
  const address = text(message.content, 'location', 'address');
  const valid =
    latitude !== undefined && longitude !== undefined && Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180;
  return (
    <div className="flex flex-col gap-1">
      <p className="font-medium">📍 {name ?? 'Location'}</p>
      {address && <p className="text-ink-muted">{address}</p>}
      {valid ? (
        <a
          href={mapLink(latitude, longitude)}
          target="_blank"
          rel="noopener noreferrer"
          className="text-brand-700 underline underline-offset-2"
        >
          Open the map ({latitude.toFixed(5)}, {longitude.toFixed(5)})
        </a>
      ) : (
        <p className="text-xs text-ink-subtle">The coordinates are missing.</p>
      )}
    </div>
  );
}
