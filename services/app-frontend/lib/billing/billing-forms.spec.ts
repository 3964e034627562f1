import { aSubscription } from './billing-builders.test-support';
import { budgetFormSchema, describePlanChange } from './billing-forms';

describe('budgetFormSchema', () => {
  it.each(['', '250', '99.5', '0.01', ' 12.34 '])('should accept %p', (monthlyBudget) => {
    expect(budgetFormSchema.safeParse({ monthlyBudget }).success).toBe(true);
  });

  it.each([
    ['-5', 'monthlyBudget must be an amount in US dollars, such as 250 or 99.50 (leave it empty for no budget)'],
    ['12.345', 'monthlyBudget must be an amount in US dollars, such as 250 or 99.50 (leave it empty for no budget)'],
    ['$20', 'monthlyBudget must be an amount in US dollars, such as 250 or 99.50 (leave it empty for no budget)'],
    ['10000001', 'monthlyBudget must be at most 10,000,000 dollars'],
  ])('should refuse %p naming the field', (monthlyBudget, message) => {
    const parsed = budgetFormSchema.safeParse({ monthlyBudget });
    expect(parsed.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
      ['monthlyBudget', message],
    ]);
  });
});

describe(describePlanChange.name, () => {
  it('should say nothing extra is charged when an upgrade costs nothing more this period', () => {
    expect(describePlanChange({ subscription: aSubscription(), effect: 'immediate', prorationMinor: 0 })).toBe(
      'You are now on Starter: its limits apply at once. Nothing extra is charged for this period.',
    );
  });
});
