import { decideRoute, type SessionCheck } from './session-gate';

const none: SessionCheck = { state: 'none' };
const refused: SessionCheck = { state: 'refused' };
const unavailable: SessionCheck = { state: 'unavailable' };
const enrolled: SessionCheck = { state: 'valid', enrolmentRequired: false, totpEnabled: true };
const notEnrolled: SessionCheck = { state: 'valid', enrolmentRequired: false, totpEnabled: false };
const mustEnrol: SessionCheck = { state: 'valid', enrolmentRequired: true, totpEnabled: false };

describe(decideRoute.name, () => {
  describe('on the dashboard', () => {
    it('should send a visitor to sign in with the page to come back to when there is no session', () => {
      expect(decideRoute('/dashboard/tenants', '?status=suspended', none)).toEqual({
        kind: 'redirect',
        location: '/login?next=%2Fdashboard%2Ftenants%3Fstatus%3Dsuspended',
        clearCookie: false,
      });
    });

    it('should drop the cookie and ask for a new sign-in when the API refuses the session', () => {
      expect(decideRoute('/dashboard', '', refused)).toEqual({
        kind: 'redirect',
        location: '/login?next=%2Fdashboard',
        clearCookie: true,
      });
    });

    it('should send an admin who must enrol to the enrolment page when the session is valid', () => {
      expect(decideRoute('/dashboard/admins', '', mustEnrol)).toEqual({
        kind: 'redirect',
        location: '/enrol',
        clearCookie: false,
      });
    });

    it('should let a valid session through when the admin has nothing left to do', () => {
      expect(decideRoute('/dashboard/tenants/abc', '', enrolled)).toEqual({ kind: 'continue', clearCookie: false });
      expect(decideRoute('/dashboard', '', notEnrolled)).toEqual({ kind: 'continue', clearCookie: false });
    });

    it('should let the page explain the outage when the API cannot be asked', () => {
      expect(decideRoute('/dashboard', '', unavailable)).toEqual({ kind: 'continue', clearCookie: false });
    });
  });

  describe('on the queue dashboard', () => {
    it('should hand a valid session to the API when the path is under /admin/queues', () => {
      expect(decideRoute('/admin/queues', '', enrolled)).toEqual({ kind: 'proxy-to-api' });
      expect(decideRoute('/admin/queues/api/queues', '?page=1', enrolled)).toEqual({ kind: 'proxy-to-api' });
    });

    it('should ask for a sign-in first when there is no session', () => {
      expect(decideRoute('/admin/queues', '', none)).toMatchObject({
        kind: 'redirect',
        location: '/login?next=%2Fadmin%2Fqueues',
      });
    });

    it('should send an admin who must enrol to enrol first', () => {
      expect(decideRoute('/admin/queues', '', mustEnrol)).toMatchObject({ kind: 'redirect', location: '/enrol' });
    });
  });

  describe('on the sign-in page', () => {
    it('should show the form when there is no session', () => {
      expect(decideRoute('/login', '', none)).toEqual({ kind: 'continue', clearCookie: false });
    });

    it('should show the form and drop the cookie when the API refused it', () => {
      expect(decideRoute('/login', '', refused)).toEqual({ kind: 'continue', clearCookie: true });
    });

    it('should go on to the requested page when the session is already valid', () => {
      expect(decideRoute('/login', '?next=%2Fdashboard%2Faudit-logs', enrolled)).toEqual({
        kind: 'redirect',
        location: '/dashboard/audit-logs',
        clearCookie: false,
      });
    });

    it('should refuse to go on to another site or back to a sign-in page when the next path is unsafe', () => {
      expect(decideRoute('/login', '?next=%2F%2Fevil.example', enrolled)).toMatchObject({ location: '/dashboard' });
      expect(decideRoute('/login', '?next=%2Fenrol', enrolled)).toMatchObject({ location: '/dashboard' });
    });

    it('should go to the enrolment page when a signed-in admin must still enrol', () => {
      expect(decideRoute('/login', '', mustEnrol)).toMatchObject({ kind: 'redirect', location: '/enrol' });
    });
  });

  describe('on the enrolment page', () => {
    it('should ask for a sign-in when there is no session', () => {
      expect(decideRoute('/enrol', '', none)).toMatchObject({ kind: 'redirect', location: '/login?next=%2Fenrol' });
    });

    it('should open for a signed-in admin who has not enrolled yet', () => {
      expect(decideRoute('/enrol', '', mustEnrol)).toEqual({ kind: 'continue', clearCookie: false });
      expect(decideRoute('/enrol', '', notEnrolled)).toEqual({ kind: 'continue', clearCookie: false });
    });

    it('should send an enrolled admin on to the dashboard', () => {
      expect(decideRoute('/enrol', '', enrolled)).toMatchObject({ kind: 'redirect', location: '/dashboard' });
    });
  });
});
