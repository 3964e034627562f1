import { attachmentDisposition } from './content-disposition';

describe(attachmentDisposition.name, () => {
  it('should keep a plain name as it is', () => {
    expect(attachmentDisposition('quote.pdf')).toBe(`attachment; filename="quote.pdf"; filename*=UTF-8''quote.pdf`);
  });

  it('should drop quotes, slashes and control characters and give non-ASCII names an exact RFC 5987 form', () => {
    expect(attachmentDisposition('../Prix "été"\r\n(1).pdf')).toBe(
      `attachment; filename="..Prix _t_(1).pdf"; filename*=UTF-8''..Prix%20%C3%A9t%C3%A9%281%29.pdf`,
    );
  });

  it('should name a file with nothing left `file`', () => {
    expect(attachmentDisposition('"/\\')).toBe(`attachment; filename="file"; filename*=UTF-8''file`);
  });
});
