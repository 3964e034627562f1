/** @jest-environment jsdom */
import { render, screen, within } from '@testing-library/react';
import { ReportTable } from './report-table';

describe(ReportTable.name, () => {
  const rows = [
    { id: 'a', name: 'Ana', replies: 12 },
    { id: 'b', name: 'Bruno', replies: 3 },
  ];
  const columns = [
    { header: 'Agent', cell: (r: (typeof rows)[number]) => r.name },
    { header: 'Replies', cell: (r: (typeof rows)[number]) => r.replies, numeric: true },
  ];

  it('should show each row and a Download CSV link to the report of the range', () => {
    render(
      <ReportTable
        title="Agents"
        rows={rows}
        columns={columns}
        rowKey={(r) => r.id}
        csvHref="/api/analytics/agents?from=2026-01-01&to=2026-01-07"
        empty="No agent replied in this range."
      />,
    );
    const table = screen.getByRole('table');
    expect(
      within(table)
        .getAllByRole('row')
        .map((row) => row.textContent),
    ).toEqual(['AgentReplies', 'Ana12', 'Bruno3']);
    expect(screen.getByRole('link', { name: 'Download CSV of agents' }).getAttribute('href')).toBe(
      '/api/analytics/agents?from=2026-01-01&to=2026-01-07',
    );
  });

  it('should say so when the range has no rows', () => {
    render(
      <ReportTable title="Campaigns" rows={[]} columns={columns} rowKey={(r) => r.id} csvHref="/x" empty="None." />,
    );
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('None.').tagName).toBe('P');
  });
});
