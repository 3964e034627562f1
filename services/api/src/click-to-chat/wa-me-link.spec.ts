import { adSource, refInText, textWithRef, waMeUrl } from './wa-me-link';

describe('wa.me links', () => {
  it('should keep only the digits of the display number and encode the text with its ref', () => {
    expect(waMeUrl('+1 555-010 2030', 'Hi & hello?', 'ab12cd')).toBe(
      'https://wa.me/15550102030?text=Hi%20%26%20hello%3F%20(ref%3A%20ab12cd)',
    );
  });

  it('should send the ref alone when the entry point has no text', () => {
    expect(textWithRef('', 'ab12cd')).toBe('(ref: ab12cd)');
  });

  it('should find the last ref of a text in any case and none in a plain text', () => {
    expect(refInText('Hi (ref: zz99zz) again (REF: AB12CD)')).toBe('ab12cd');
    expect(refInText('Hi, no ref here')).toBeNull();
    expect(refInText('(ref: short)')).toBeNull();
  });

  it("should map Meta's referral fields and leave the missing ones null", () => {
    expect(adSource({ headline: 'Spring sale', source_type: 'ad', ctwa_clid: 'clid-1', body: 7 })).toEqual({
      type: 'ad',
      headline: 'Spring sale',
      body: null,
      sourceUrl: null,
      sourceId: null,
      sourceType: 'ad',
      ctwaClid: 'clid-1',
    });
  });
});
