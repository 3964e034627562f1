import { type KeyPress, inboxShortcut, stepConversation } from './inbox-shortcuts';

const press = (key: string, overrides: Partial<KeyPress> = {}): KeyPress => ({
  key,
  altKey: false,
  ctrlKey: false,
  metaKey: false,
  typing: false,
  ...overrides,
});

describe(inboxShortcut.name, () => {
  it('should move when j, k or Alt and an arrow is pressed, the arrows even while typing', () => {
    expect(inboxShortcut(press('j'))).toBe('next');
    expect(inboxShortcut(press('k'))).toBe('previous');
    expect(inboxShortcut(press('ArrowDown', { altKey: true, typing: true }))).toBe('next');
    expect(inboxShortcut(press('ArrowUp', { altKey: true, typing: true }))).toBe('previous');
  });

  it('should start writing when / or r is pressed', () => {
    expect(inboxShortcut(press('/'))).toBe('write');
    expect(inboxShortcut(press('r'))).toBe('write');
  });

  it('should leave letters alone when the person types in a field or holds a modifier', () => {
    expect(inboxShortcut(press('j', { typing: true }))).toBeNull();
    expect(inboxShortcut(press('r', { ctrlKey: true }))).toBeNull();
    expect(inboxShortcut(press('k', { metaKey: true }))).toBeNull();
    expect(inboxShortcut(press('ArrowDown'))).toBeNull();
  });
});

describe(stepConversation.name, () => {
  const list = [{ id: 'a' }, { id: 'b' }, { id: 'c' }];

  it('should go to the first conversation when none is open', () => {
    expect(stepConversation(list, null, 1)).toEqual({ id: 'a' });
    expect(stepConversation(list, 'gone', -1)).toEqual({ id: 'a' });
  });

  it('should step either way and stay put when stepping past either end of the list', () => {
    expect(stepConversation(list, 'b', 1)).toEqual({ id: 'c' });
    expect(stepConversation(list, 'b', -1)).toEqual({ id: 'a' });
    expect(stepConversation(list, 'c', 1)).toEqual({ id: 'c' });
    expect(stepConversation(list, 'a', -1)).toEqual({ id: 'a' });
    expect(stepConversation([], null, 1)).toBeUndefined();
  });
});
