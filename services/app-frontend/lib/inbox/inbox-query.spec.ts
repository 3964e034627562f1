import type { ConversationDto } from '@aerostic/shared';
import { belongsInList, conversationsQuery, inboxHref, matchesFilters, parseInboxParams } from './inbox-query';

const ACCOUNT = '00000000-0000-4000-8000-0000000000b1';
const CONVERSATION = '00000000-0000-4000-8000-0000000000c1';
const TEAM = '00000000-0000-4000-8000-0000000000d1';

describe('parseInboxParams', () => {
  it('should read the filters and the open conversation from the URL', () => {
    expect(parseInboxParams({ c: CONVERSATION, status: 'pending', view: 'mine', number: ACCOUNT, q: ' Ada ' })).toEqual(
      {
        filters: { status: 'pending', view: 'mine', number: ACCOUNT, team: undefined, q: 'Ada' },
        conversationId: CONVERSATION,
      },
    );
  });

  it('should fall back to the defaults for values it does not know', () => {
    expect(parseInboxParams({ c: '../x', status: 'closed', view: 'theirs', number: 'x' })).toEqual({
      filters: { status: 'open', view: 'all', number: undefined, team: undefined, q: undefined },
      conversationId: undefined,
    });
  });

  it('should round-trip through the page URL', () => {
    const href = inboxHref(
      { status: 'resolved', view: 'unassigned', number: ACCOUNT, team: TEAM, q: 'Bob' },
      CONVERSATION,
    );
    const params = Object.fromEntries(new URL(href, 'http://app').searchParams);
    expect(parseInboxParams(params).filters).toEqual({
      status: 'resolved',
      view: 'unassigned',
      number: ACCOUNT,
      team: TEAM,
      q: 'Bob',
    });
    expect(inboxHref({ status: 'open', view: 'all' }, null)).toBe('/dashboard/inbox');
  });
});

describe('conversationsQuery', () => {
  it('should map the filters to the API query', () => {
    const query = new URLSearchParams(
      conversationsQuery({ status: 'open', view: 'mine', number: ACCOUNT, team: TEAM, q: '4477' }, 30, 'abc'),
    );
    expect(Object.fromEntries(query)).toEqual({
      limit: '30',
      cursor: 'abc',
      status: 'open',
      assigneeId: 'me',
      whatsappAccountId: ACCOUNT,
      teamId: TEAM,
      search: '4477',
    });
    expect(conversationsQuery({ status: 'all', view: 'unassigned' }, 10)).toBe('limit=10&unassigned=true');
  });
});

describe('matchesFilters', () => {
  const conversation = {
    status: 'open',
    assigneeId: 'u1',
    teamId: TEAM,
    whatsappAccountId: ACCOUNT,
  } as ConversationDto;

  it('should place a pushed conversation by status, assignee, number and team', () => {
    expect(matchesFilters(conversation, { status: 'open', view: 'all', team: TEAM }, 'u1')).toBe(true);
    expect(matchesFilters(conversation, { status: 'open', view: 'all', team: ACCOUNT }, 'u1')).toBe(false);
    expect(matchesFilters(conversation, { status: 'open', view: 'mine' }, 'u1')).toBe(true);
    expect(matchesFilters(conversation, { status: 'open', view: 'mine' }, 'u2')).toBe(false);
    expect(matchesFilters(conversation, { status: 'open', view: 'unassigned' }, 'u1')).toBe(false);
    expect(matchesFilters(conversation, { status: 'resolved', view: 'all' }, 'u1')).toBe(false);
    expect(matchesFilters(conversation, { status: 'all', view: 'all', number: CONVERSATION }, 'u1')).toBe(false);
  });

  it('should leave a searched list to the API', () => {
    expect(matchesFilters(conversation, { status: 'open', view: 'all', q: 'Ada' }, 'u1')).toBe(false);
  });
});

describe('belongsInList', () => {
  const conversation = { id: 'c', status: 'open', assigneeId: null, whatsappAccountId: ACCOUNT } as ConversationDto;

  it('should keep a searched conversation that is already listed and still matches the other filters', () => {
    const filters = { status: 'open', view: 'all', q: 'Ada' } as const;
    expect(belongsInList(conversation, filters, 'u1', { inList: true, isOpen: false })).toBe(true);
    expect(belongsInList(conversation, filters, 'u1', { inList: false, isOpen: false })).toBe(false);
    expect(belongsInList({ ...conversation, status: 'resolved' }, filters, 'u1', { inList: true, isOpen: false })).toBe(
      false,
    );
  });

  it('should keep the open conversation in place when it stops matching', () => {
    const resolved = { ...conversation, status: 'resolved' } as ConversationDto;
    expect(belongsInList(resolved, { status: 'open', view: 'all' }, 'u1', { inList: true, isOpen: true })).toBe(true);
    expect(belongsInList(resolved, { status: 'open', view: 'all' }, 'u1', { inList: true, isOpen: false })).toBe(false);
  });
});
