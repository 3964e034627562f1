import { contentDisposition } from './media-disposition';

describe(contentDisposition.name, () => {
  it('should show jpeg, png, webp and gif inline', () => {
    for (const type of ['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'IMAGE/PNG; charset=binary']) {
      expect(contentDisposition(type, 'x')).toBe('inline');
    }
  });

  it('should make every other type a download, SVG and HTML included', () => {
    for (const type of ['image/svg+xml', 'text/html', 'application/pdf', 'video/mp4', 'application/octet-stream']) {
      expect(contentDisposition(type, 'file.bin')).toBe(`attachment; filename="file.bin"; filename*=UTF-8''file.bin`);
    }
  });
});
