import {
  bodyParameters,
  describeSource,
  rowsForTemplate,
  rowsFromVariables,
  toCampaignVariables,
  type VariableRow,
  variablesReducer,
} from './campaign-variables';

const BODY = 'Hi {{1}}, your {{2}} plan renews on {{3}}. Hi again {{1}}.';

describe('template variable mapping', () => {
  it('should list each body parameter once, in order', () => {
    expect(bodyParameters(BODY)).toEqual(['1', '2', '3']);
    expect(bodyParameters('Hello {{ first_name }} from {{city}}')).toEqual(['first_name', 'city']);
    expect(bodyParameters('No variables')).toEqual([]);
  });

  it('should start the first parameter on the display name and a named one on the attribute of that name', () => {
    const rows = rowsForTemplate('Hello {{first_name}}, see you in {{city}}');
    expect(rows.map((r) => [r.key, r.field, r.attribute])).toEqual([
      ['first_name', 'displayName', ''],
      ['city', 'attribute', 'city'],
    ]);
  });

  it('should keep what was mapped for a parameter of the same name when the template changes', () => {
    let rows = rowsForTemplate(BODY);
    rows = variablesReducer(rows, { type: 'source', key: '2', source: 'text' });
    rows = variablesReducer(rows, { type: 'text', key: '2', text: 'Gold' });
    const next = variablesReducer(rows, { type: 'template', body: 'Dear {{1}}, {{2}} ends soon' });
    expect(next.find((r) => r.key === '2')).toMatchObject({ source: 'text', text: 'Gold' });
    expect(next).toHaveLength(2);
  });

  it('should build the request’s variables from fields, attributes and fixed texts', () => {
    let rows = rowsForTemplate(BODY);
    rows = variablesReducer(rows, { type: 'attribute', key: '2', attribute: ' plan ' });
    rows = variablesReducer(rows, { type: 'source', key: '3', source: 'text' });
    rows = variablesReducer(rows, { type: 'text', key: '3', text: '1 May' });
    expect(toCampaignVariables(rows)).toEqual({
      ok: true,
      variables: { '1': { field: 'displayName' }, '2': { field: 'attributes.plan' }, '3': { text: '1 May' } },
    });
  });

  it('should name each parameter without a value as an error beside it, keeping the complete ones', () => {
    let rows = rowsForTemplate(BODY);
    rows = variablesReducer(rows, { type: 'source', key: '3', source: 'text' });
    rows = variablesReducer(rows, { type: 'text', key: '3', text: '   ' });
    const result = toCampaignVariables(rows);
    expect(result).toEqual({
      ok: false,
      errors: {
        'template.variables.2': 'Name the custom attribute {{2}} comes from',
        'template.variables.3': 'Type the text for {{3}}, or take it from a contact field',
      },
      variables: { '1': { field: 'displayName' } },
    });
  });

  it('should refuse a fixed text longer than the API takes', () => {
    const rows: VariableRow[] = [{ key: '1', source: 'text', field: 'name', attribute: '', text: 'x'.repeat(1025) }];
    expect(toCampaignVariables(rows)).toMatchObject({
      ok: false,
      errors: { 'template.variables.1': expect.any(String) },
    });
  });

  it('should read a saved mapping back into the form', () => {
    const rows = rowsFromVariables(BODY, {
      '1': { field: 'name' },
      '2': { field: 'attributes.plan' },
      '3': { text: 'Monday' },
    });
    expect(rows.map(describeSource)).toEqual(['Name', 'Custom attribute plan', 'Fixed text “Monday”']);
    expect(toCampaignVariables(rows)).toEqual({
      ok: true,
      variables: { '1': { field: 'name' }, '2': { field: 'attributes.plan' }, '3': { text: 'Monday' } },
    });
  });
});
