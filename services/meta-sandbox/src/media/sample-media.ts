import type { MediaKind } from '@aerostic/shared';

export type SampleMedia = { bytes: Buffer; mimeType: string; filename?: string };

/**
 * Small but real files, so that whatever the platform does with customer media (store, preview, sniff the
 * type) works on them. Built once, on first use.
 */

// A 2×2 grey baseline JFIF, the smallest kind of JPEG WhatsApp produces.
const JPEG_BASE64 =
  '/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAgGBgcGBQgHBwcJCQgKDBQNDAsLDBkSEw8UHRofHh0aHBwgJC4nICIsIxwcKDcpLDAxNDQ0Hyc5PTgy' +
  'PC4zNDL/wAALCAACAAIBAREA/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEG' +
  'E1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJ' +
  'ipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/9oACAEBAAA/ACv/2Q==';

// A 1×1 lossless WebP (the image format of WhatsApp stickers).
const WEBP_BASE64 = 'UklGRhoAAABXRUJQVlA4TA0AAAAvAAAAEAcQERGIiP4HAA==';

/** Ogg's page checksum: CRC-32 with polynomial 0x04C11DB7, not reflected, initial value 0. */
function oggCrc(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

function oggPage(packets: Buffer[], options: { headerType: number; granule: bigint; sequence: number }): Buffer {
  const segments: number[] = [];
  for (const packet of packets) {
    for (let left = packet.length; ; left -= 255) {
      segments.push(Math.min(left, 255));
      if (left < 255) break;
    }
  }
  const header = Buffer.alloc(27);
  header.write('OggS', 0, 'ascii');
  header.writeUInt8(0, 4);
  header.writeUInt8(options.headerType, 5);
  header.writeBigInt64LE(options.granule, 6);
  header.writeUInt32LE(0x5a4e4442, 14); // stream serial number
  header.writeUInt32LE(options.sequence, 18);
  header.writeUInt8(segments.length, 26);
  const page = Buffer.concat([header, Buffer.from(segments), ...packets]);
  page.writeUInt32LE(oggCrc(page), 22);
  return page;
}

/** One second of silence as Ogg Opus, mono: what a WhatsApp voice note is. */
function oggOpusSilence(): Buffer {
  const preSkip = 312;
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0, 'ascii');
  head.writeUInt8(1, 8); // version
  head.writeUInt8(1, 9); // channels
  head.writeUInt16LE(preSkip, 10);
  head.writeUInt32LE(48_000, 12); // input sample rate
  head.writeInt16LE(0, 16); // output gain
  head.writeUInt8(0, 18); // channel mapping family
  const vendor = Buffer.from('aerostic-meta-sandbox', 'ascii');
  const tags = Buffer.alloc(8 + 4 + vendor.length + 4);
  tags.write('OpusTags', 0, 'ascii');
  tags.writeUInt32LE(vendor.length, 8);
  vendor.copy(tags, 12);
  tags.writeUInt32LE(0, 12 + vendor.length); // no user comments
  // 50 packets of 20 ms CELT silence (TOC 0xF8: fullband, 20 ms, mono, one frame).
  const frames = Array.from({ length: 50 }, () => Buffer.from([0xf8, 0xff, 0xfe]));
  return Buffer.concat([
    oggPage([head], { headerType: 0x02, granule: 0n, sequence: 0 }),
    oggPage([tags], { headerType: 0x00, granule: 0n, sequence: 1 }),
    oggPage(frames, { headerType: 0x04, granule: BigInt(preSkip + 50 * 960), sequence: 2 }),
  ]);
}

/** A one-page PDF 1.4 with a line of text, cross-reference offsets computed. */
function onePagePdf(): Buffer {
  const text = 'BT /F1 18 Tf 40 60 Td (Aerostic sandbox document) Tj ET';
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 400 120] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${text.length} >>\nstream\n${text}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(pdf, 'latin1'));
    pdf += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(pdf, 'latin1');
  pdf += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  pdf += offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('');
  pdf += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

function box(type: string, ...payload: Buffer[]): Buffer {
  const body = Buffer.concat(payload);
  const header = Buffer.alloc(8);
  header.writeUInt32BE(8 + body.length, 0);
  header.write(type, 4, 'ascii');
  return Buffer.concat([header, body]);
}

/**
 * An MP4 (ISO BMFF) with `ftyp` and a `moov` holding only the movie header: a structurally valid file with no
 * tracks. Encoding a real H.264 frame in code is out of proportion for a sandbox; send data_base64 for that.
 */
function emptyMp4(): Buffer {
  const ftyp = box(
    'ftyp',
    Buffer.from('isom', 'ascii'),
    Buffer.from([0, 0, 2, 0]),
    Buffer.from('isomiso2mp41', 'ascii'),
  );
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(0, 0); // version 0, flags 0
  mvhd.writeUInt32BE(1000, 12); // timescale
  mvhd.writeUInt32BE(0, 16); // duration
  mvhd.writeUInt32BE(0x00010000, 20); // rate 1.0
  mvhd.writeUInt16BE(0x0100, 24); // volume 1.0
  // Unity matrix.
  [0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000].forEach((v, i) => mvhd.writeUInt32BE(v, 36 + i * 4));
  mvhd.writeUInt32BE(1, 96); // next track id
  return Buffer.concat([ftyp, box('moov', box('mvhd', mvhd))]);
}

const builders: Record<MediaKind, () => SampleMedia> = {
  image: () => ({ bytes: Buffer.from(JPEG_BASE64, 'base64'), mimeType: 'image/jpeg' }),
  sticker: () => ({ bytes: Buffer.from(WEBP_BASE64, 'base64'), mimeType: 'image/webp' }),
  audio: () => ({ bytes: oggOpusSilence(), mimeType: 'audio/ogg; codecs=opus' }),
  document: () => ({ bytes: onePagePdf(), mimeType: 'application/pdf', filename: 'sandbox-document.pdf' }),
  video: () => ({ bytes: emptyMp4(), mimeType: 'video/mp4' }),
};

const cache = new Map<MediaKind, SampleMedia>();

export function sampleMedia(kind: MediaKind): SampleMedia {
  let sample = cache.get(kind);
  if (!sample) {
    sample = builders[kind]();
    cache.set(kind, sample);
  }
  return sample;
}
