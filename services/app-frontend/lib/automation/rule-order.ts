/** A rule's place in the list: the API runs rules by ascending position, ties by creation. */
export interface RulePlace {
  id: string;
  position: number;
}

/**
 * The position changes that move one rule a place up or down: the list is numbered 0, 1, 2… in its new order and
 * only the rules whose number changes are sent. Ties (rules saved with the same position) are resolved on the way.
 */
export function moveRule(rules: readonly RulePlace[], id: string, direction: 'up' | 'down'): RulePlace[] {
  const from = rules.findIndex((r) => r.id === id);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from === -1 || to < 0 || to >= rules.length) return [];
  const order = [...rules];
  [order[from], order[to]] = [order[to]!, order[from]!];
  return order.flatMap((rule, position) => (rule.position === position ? [] : [{ id: rule.id, position }]));
}

/** Where a new rule goes: after every rule there is. */
export function nextPosition(rules: readonly RulePlace[]): number {
  return rules.reduce((max, r) => Math.max(max, r.position + 1), 0);
}
