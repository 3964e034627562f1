import { conversationSourceLabel } from './conversation-source';

describe('conversationSourceLabel', () => {
  it('should name the kind and the name of an entry point', () => {
    expect(
      conversationSourceLabel({
        type: 'entry_point',
        entryPointId: 'e1',
        kind: 'widget',
        name: 'Homepage',
        ref: 'ab12cd',
      }),
    ).toBe('From: Widget “Homepage”');
  });

  it("should show an ad's headline, or its body when it has none", () => {
    const ad = { type: 'ad', body: 'Sale', sourceUrl: null, sourceId: null, sourceType: 'ad', ctwaClid: null } as const;
    expect(conversationSourceLabel({ ...ad, headline: 'Spring sale' })).toBe('From ad: Spring sale');
    expect(conversationSourceLabel({ ...ad, headline: null })).toBe('From ad: Sale');
  });

  it('should show nothing when the source is unknown', () => {
    expect(conversationSourceLabel(null)).toBeNull();
  });
});
