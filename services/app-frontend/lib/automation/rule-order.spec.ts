import { moveRule, nextPosition } from './rule-order';

const rules = [
  { id: 'a', position: 0 },
  { id: 'b', position: 1 },
  { id: 'c', position: 2 },
];

describe(moveRule.name, () => {
  it('should swap a rule with the one above when it moves up', () => {
    expect(moveRule(rules, 'c', 'up')).toEqual([
      { id: 'c', position: 1 },
      { id: 'b', position: 2 },
    ]);
  });

  it('should swap a rule with the one below when it moves down', () => {
    expect(moveRule(rules, 'a', 'down')).toEqual([
      { id: 'b', position: 0 },
      { id: 'a', position: 1 },
    ]);
  });

  it('should change nothing when the rule is already first or last, or unknown', () => {
    expect(moveRule(rules, 'a', 'up')).toEqual([]);
    expect(moveRule(rules, 'c', 'down')).toEqual([]);
    expect(moveRule(rules, 'z', 'up')).toEqual([]);
  });

  it('should number the list again when positions have gaps or ties', () => {
    const tied = [
      { id: 'a', position: 5 },
      { id: 'b', position: 5 },
      { id: 'c', position: 40 },
    ];
    expect(moveRule(tied, 'b', 'up')).toEqual([
      { id: 'b', position: 0 },
      { id: 'a', position: 1 },
      { id: 'c', position: 2 },
    ]);
  });
});

describe(nextPosition.name, () => {
  it('should place a new rule after the last one, or first in an empty list', () => {
    expect(nextPosition(rules)).toBe(3);
    expect(nextPosition([])).toBe(0);
  });
});
