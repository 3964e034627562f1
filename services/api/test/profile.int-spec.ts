import { type ApiErrorBody, type MeResponse } from '@aerostic/shared';
import { AuthController } from '../src/auth/auth.controller';
import { addMember, registerTenant } from './support/builders';
import { createTestApp, type TestApp } from './support/test-app';

describe(`${AuthController.name} profile`, () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('should change only the caller’s own name when any member updates their profile', async () => {
    const admin = await registerTenant(t, 'Profile Co');
    const agent = await addMember(t, admin, 'agent');

    const res = await t
      .http()
      .patch('/auth/me')
      .auth(agent.token, { type: 'bearer' })
      .send({ name: '  Alana Agent ' })
      .expect(200);

    expect((res.body as MeResponse).user).toMatchObject({ id: agent.userId, name: 'Alana Agent', role: 'agent' });
    const me = (await t.http().get('/auth/me').auth(agent.token, { type: 'bearer' }).expect(200)).body as MeResponse;
    expect(me.user.name).toBe('Alana Agent');
    const adminMe = (await t.http().get('/auth/me').auth(admin.token, { type: 'bearer' }).expect(200))
      .body as MeResponse;
    expect(adminMe.user.name).toBe('Ada Admin');
  });

  it('should answer 400 naming the field when the name is blank', async () => {
    const admin = await registerTenant(t);
    const res = await t
      .http()
      .patch('/auth/me')
      .auth(admin.token, { type: 'bearer' })
      .send({ name: '   ' })
      .expect(400);
    expect((res.body as ApiErrorBody).fields).toEqual({ name: 'Name is required' });
  });

  it('should refuse to change the email or role through the profile', async () => {
    const admin = await registerTenant(t);
    const agent = await addMember(t, admin, 'agent');
    await t
      .http()
      .patch('/auth/me')
      .auth(agent.token, { type: 'bearer' })
      .send({ name: 'Sneaky', role: 'admin' })
      .expect(400);
    const me = (await t.http().get('/auth/me').auth(agent.token, { type: 'bearer' }).expect(200)).body as MeResponse;
    expect(me.user).toMatchObject({ role: 'agent', name: 'Alan Agent' });
  });

  it('should answer 401 when the request has no token', async () => {
    await t.http().patch('/auth/me').send({ name: 'Nobody' }).expect(401);
  });
});
