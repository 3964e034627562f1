import { available, choose } from './routing-choice';
import { type Candidate } from './routing.row';

const agent = (id: string, values: Partial<Candidate> = {}): Candidate => ({
  id,
  capacity: null,
  open: 0,
  turn: null,
  teamIds: [],
  createdAt: new Date(`2026-01-0${id.length}T00:00:00Z`),
  ...values,
});

describe(choose.name, () => {
  it('should give round robin to whoever was given one longest ago when all have had turns', () => {
    const pool = [agent('a', { turn: 7 }), agent('bb', { turn: 3 }), agent('ccc', { turn: 5 })];
    expect(choose('round_robin', pool)?.id).toBe('bb');
  });

  it('should give round robin to a member never given one first, oldest member first', () => {
    const pool = [agent('a', { turn: 1 }), agent('ccc'), agent('bb')];
    expect(choose('round_robin', pool)?.id).toBe('bb');
  });

  it('should give least busy to the fewest open conversations, ties in round-robin order', () => {
    const pool = [
      agent('a', { open: 2, turn: 1 }),
      agent('bb', { open: 1, turn: 9 }),
      agent('ccc', { open: 1, turn: 4 }),
    ];
    expect(choose('least_busy', pool)?.id).toBe('ccc');
  });

  it('should answer null when nobody is available', () => {
    expect(choose('least_busy', [])).toBeNull();
  });
});

describe(available.name, () => {
  it('should leave out members at capacity and, for a team, members of other teams', () => {
    const pool = [
      agent('a', { capacity: 2, open: 2, teamIds: ['t'] }),
      agent('bb', { capacity: 3, open: 2, teamIds: ['t'] }),
      agent('ccc', { teamIds: ['u'] }),
    ];
    expect(available(pool, null).map((c) => c.id)).toEqual(['bb', 'ccc']);
    expect(available(pool, 't').map((c) => c.id)).toEqual(['bb']);
  });
});
