import { MEDIA_LIMITS, type MediaKind } from '@aerostic/shared';
import { sampleMedia } from './sample-media';

/** CRC-32/CKSUM's check value is 0x765E7680; Ogg uses the same CRC without the final inversion. */
function oggCrc(data: Buffer): number {
  let crc = 0;
  for (const byte of data) {
    crc ^= byte << 24;
    for (let bit = 0; bit < 8; bit++) crc = crc & 0x80000000 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
  }
  return crc >>> 0;
}

describe(sampleMedia.name, () => {
  it.each<[MediaKind, string, string]>([
    ['image', 'image/jpeg', 'ffd8ff'],
    ['sticker', 'image/webp', '52494646'],
    ['audio', 'audio/ogg; codecs=opus', '4f676753'],
    ['document', 'application/pdf', '255044462d'],
    ['video', 'video/mp4', '0000001c66747970'],
  ])('should give %s bytes of an accepted type (%s) starting with its magic number', (kind, mimeType, magic) => {
    const sample = sampleMedia(kind);

    expect(sample.mimeType).toBe(mimeType);
    expect(sample.bytes.subarray(0, magic.length / 2).toString('hex')).toBe(magic);
    expect((MEDIA_LIMITS[kind].mimeTypes as readonly string[]).includes(mimeType.split(';')[0]!)).toBe(true);
    expect(sample.bytes.length).toBeLessThan(MEDIA_LIMITS[kind].maxBytes);
  });

  it('should write Ogg pages whose checksums verify and an OpusHead first', () => {
    const ogg = sampleMedia('audio').bytes;
    expect((oggCrc(Buffer.from('123456789')) ^ 0xffffffff) >>> 0).toBe(0x765e7680);

    const pages: Buffer[] = [];
    for (let offset = 0; offset < ogg.length;) {
      const segments = ogg[offset + 26]!;
      const size = 27 + segments + [...ogg.subarray(offset + 27, offset + 27 + segments)].reduce((a, b) => a + b, 0);
      pages.push(ogg.subarray(offset, offset + size));
      offset += size;
    }

    expect(pages).toHaveLength(3);
    for (const page of pages) {
      const stored = page.readUInt32LE(22);
      const zeroed = Buffer.from(page);
      zeroed.writeUInt32LE(0, 22);
      expect(oggCrc(zeroed)).toBe(stored);
    }
    expect(pages[0]!.subarray(28, 36).toString('ascii')).toBe('OpusHead');
  });

  it('should write a PDF whose cross-reference offsets point at its objects', () => {
    const pdf = sampleMedia('document').bytes.toString('latin1');
    const xrefAt = Number(/startxref\n(\d+)/.exec(pdf)![1]);
    const offsets = pdf
      .slice(xrefAt)
      .split('\n')
      .filter((line) => / 00000 n $/.test(line))
      .map((line) => Number(line.slice(0, 10)));

    expect(pdf.slice(xrefAt, xrefAt + 4)).toBe('xref');
    offsets.forEach((offset, i) => expect(pdf.slice(offset).startsWith(`${i + 1} 0 obj`)).toBe(true));
  });
});
