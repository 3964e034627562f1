/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { MetaRateDto } from '@aerostic/shared';
import type { FormState } from '@aerostic/shared/web';
import { RateCardForm } from './rate-card-form';

const RATES: MetaRateDto[] = [
  { market: 'OTHER', category: 'marketing', rateMicros: 60_000 },
  { market: 'IN', category: 'marketing', rateMicros: 10_700 },
  { market: 'IN', category: 'utility', rateMicros: 1_400 },
];

describe('RateCardForm', () => {
  it('should show each rate in dollars, markets down and categories across', () => {
    render(<RateCardForm rates={RATES} action={jest.fn()} editable={false} />);
    const [, india, other] = screen.getAllByRole('row');
    expect(
      within(india!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['IN', '$0.0107', '$0.0014']);
    expect(
      within(other!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual(['OTHER', '$0.06', '—']);
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it('should send every cell and show the API’s refusal beside the rate it names', async () => {
    const action = jest.fn(async (): Promise<FormState> => ({
      status: 'error',
      message: 'Check the rates.',
      fields: { 'rate.IN.utility': 'rateMicros must be at most 1000000', rates: 'OTHER needs a service rate' },
      values: { 'rate.IN.marketing': '0.0107', 'rate.IN.utility': '2', 'rate.OTHER.marketing': '0.06' },
    }));
    render(<RateCardForm rates={RATES} action={action} editable />);
    const user = userEvent.setup();
    const utility = screen.getByRole('textbox', { name: 'IN utility rate in US dollars' });
    expect((utility as HTMLInputElement).value).toBe('0.0014');
    await user.clear(utility);
    await user.type(utility, '2');
    await user.click(screen.getByRole('button', { name: 'Save rates' }));

    const sent = action.mock.calls[0] as unknown as [FormState, FormData];
    expect(Object.fromEntries(sent[1])).toEqual({
      'rate.IN.marketing': '0.0107',
      'rate.IN.utility': '2',
      'rate.OTHER.marketing': '0.06',
      'rate.OTHER.utility': '',
    });
    const field = await screen.findByRole('textbox', { name: 'IN utility rate in US dollars' });
    expect(field.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      'rateMicros must be at most 1000000',
    );
    expect(screen.getByRole('alert').textContent).toMatch(/Check the rates\..*OTHER needs a service rate/);
  });
});
