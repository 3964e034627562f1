import { safeNextPath } from './next-path';

describe(safeNextPath.name, () => {
  it('should keep a same-origin path with its query when given one', () => {
    expect(safeNextPath('/dashboard/team?cursor=abc')).toBe('/dashboard/team?cursor=abc');
  });

  it.each([
    ['a protocol-relative URL', '//evil.example/dashboard'],
    ['a backslash trick', '/\\evil.example'],
    ['an absolute URL', 'https://evil.example'],
    ['a tab that URL parsers drop', '/\t/evil.example'],
    ['a non-string', null],
    ['the login page itself', '/login?next=/dashboard'],
  ])('should fall back to the dashboard when given %s', (_label, value) => {
    expect(safeNextPath(value)).toBe('/dashboard');
  });

  it('should refuse every page the caller avoids when given a list', () => {
    const options = { avoid: ['/login', '/enrol'] };
    expect(safeNextPath('/enrol', options)).toBe('/dashboard');
    expect(safeNextPath('/enrolment', options)).toBe('/enrolment');
  });
});
