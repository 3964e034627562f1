import { MEDIA_LIMITS } from '@aerostic/shared';
import { checkAttachment } from './inbox-media';

function kindOf(type: string) {
  const check = checkAttachment({ name: 'file', type, size: 1 });
  return check.ok ? check.kind : undefined;
}

describe('checkAttachment', () => {
  it('should pick the WhatsApp type from the MIME type', () => {
    expect(kindOf('image/png')).toBe('image');
    expect(kindOf('image/webp')).toBe('sticker');
    expect(kindOf('audio/ogg; codecs=opus')).toBe('audio');
    expect(kindOf('application/pdf')).toBe('document');
    expect(kindOf('image/gif')).toBeUndefined();
  });

  it('should accept a file at the limit and refuse one byte more', () => {
    const max = MEDIA_LIMITS.video.maxBytes;
    expect(checkAttachment({ name: 'v.mp4', type: 'video/mp4', size: max })).toEqual({
      ok: true,
      kind: 'video',
      mimeType: 'video/mp4',
    });
    expect(checkAttachment({ name: 'v.mp4', type: 'video/mp4', size: max + 1 })).toEqual({
      ok: false,
      message: 'v.mp4 is 16 MB; WhatsApp takes video files up to 16 MB.',
    });
  });

  it('should refuse a sticker over 500 KB', () => {
    expect(checkAttachment({ name: 's.webp', type: 'image/webp', size: 600 * 1024 })).toEqual({
      ok: false,
      message: 's.webp is 600 KB; WhatsApp takes stickers up to 500 KB.',
    });
  });

  it('should refuse files without a type or empty files', () => {
    expect(checkAttachment({ name: 'x', type: '', size: 10 })).toMatchObject({
      ok: false,
      message: expect.stringContaining('this file type is not accepted'),
    });
    expect(checkAttachment({ name: 'e.pdf', type: 'application/pdf', size: 0 })).toEqual({
      ok: false,
      message: 'e.pdf is empty.',
    });
  });
});
