import { parseStripeForm } from './form';

describe(parseStripeForm.name, () => {
  it('should nest bracketed keys when the SDK encodes objects and arrays', () => {
    const body =
      'mode=subscription&line_items[0][quantity]=1&line_items[0][price_data][unit_amount]=4900&metadata[tenant_id]=t1';

    expect(parseStripeForm(body)).toEqual({
      mode: 'subscription',
      line_items: { '0': { quantity: '1', price_data: { unit_amount: '4900' } } },
      metadata: { tenant_id: 't1' },
    });
  });

  it('should decode percent-encoded values when a URL is sent', () => {
    expect(parseStripeForm('success_url=http%3A%2F%2Fapp.test%2Fok%3Fa%3D1')).toEqual({
      success_url: 'http://app.test/ok?a=1',
    });
  });
});
