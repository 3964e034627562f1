import { type ChatEntryPointDto, type ConversationDto, type Page, type WidgetConfigDto } from '@aerostic/shared';
import { ClickToChatService } from '../src/click-to-chat/click-to-chat.service';
import { addMember, registerTenant, type Member } from './support/builders';
import { connectNumber, InboundHarness } from './support/inbound-harness';
import { text, webhook, type Number } from './support/meta-payloads';
import { createTestApp, type TestApp } from './support/test-app';
import { buildWidget } from './support/widget-build';

describe(ClickToChatService.name, () => {
  let t: TestApp;
  let inbound: InboundHarness;
  let admin: Member;
  let other: Member;
  let number: Number & { id: string };

  beforeAll(async () => {
    buildWidget();
    t = await createTestApp();
    inbound = new InboundHarness(t);
    await inbound.ready();
    admin = await registerTenant(t, 'Click Co');
    other = await registerTenant(t, 'Other Co');
    number = await connectNumber(t, admin);
  });
  afterAll(async () => {
    await inbound.close();
    await t.close();
  });

  let seq = 0;
  const customer = () => `4477118${String(++seq).padStart(5, '0')}`;

  const create = (body: Record<string, unknown>, member = admin) =>
    t.http().post('/click-to-chat/entry-points').auth(member.token, { type: 'bearer' }).send(body);

  async function entryPoint(body: Record<string, unknown>): Promise<ChatEntryPointDto> {
    const res = await create({ whatsappAccountId: number.id, ...body }).expect(201);
    return res.body as ChatEntryPointDto;
  }

  async function conversationOf(waId: string): Promise<ConversationDto> {
    const res = await t.http().get(`/conversations?search=${waId}`).auth(admin.token, { type: 'bearer' }).expect(200);
    const page = res.body as Page<ConversationDto>;
    expect(page.data).toHaveLength(1);
    return page.data[0]!;
  }

  it('should create a link with a wa.me URL of the number digits, the encoded text and its ref', async () => {
    const link = await entryPoint({ name: 'Instagram bio', kind: 'link', prefilledText: 'Hi! I saw your post' });

    expect(link).toMatchObject({ name: 'Instagram bio', kind: 'link', widget: null });
    expect(link.ref).toMatch(/^[a-z0-9]{6}$/);
    expect(link.url).toBe(
      `https://wa.me/${number.displayPhoneNumber}?text=${encodeURIComponent(`Hi! I saw your post (ref: ${link.ref})`)}`,
    );
  });

  it('should list, update and delete entry points, and answer 404 to another tenant', async () => {
    const widget = await entryPoint({ name: 'Homepage', kind: 'widget' });
    expect(widget.widget).toEqual({ greeting: 'Hi! How can we help you?', position: 'right', color: '#25d366' });

    const patched = await t
      .http()
      .patch(`/click-to-chat/entry-points/${widget.id}`)
      .auth(admin.token, { type: 'bearer' })
      .send({ name: 'Homepage v2', widget: { greeting: 'Hello', position: 'left', color: '#123ABC' } })
      .expect(200);
    expect(patched.body).toMatchObject({ name: 'Homepage v2', widget: { position: 'left', color: '#123abc' } });

    const list = await t
      .http()
      .get(`/click-to-chat/entry-points?whatsappAccountId=${number.id}`)
      .auth(admin.token, { type: 'bearer' })
      .expect(200);
    expect((list.body as ChatEntryPointDto[]).map((e) => e.id)).toContain(widget.id);

    const path = `/click-to-chat/entry-points/${widget.id}`;
    await t.http().get(path).auth(other.token, { type: 'bearer' }).expect(404);
    await t.http().delete(path).auth(other.token, { type: 'bearer' }).expect(404);
    await t.http().delete(path).auth(admin.token, { type: 'bearer' }).expect(204);
    await t.http().get(path).auth(admin.token, { type: 'bearer' }).expect(404);
  });

  it('should name the field when a body is invalid', async () => {
    const bad = await create({ whatsappAccountId: number.id, name: '', kind: 'poster' }).expect(400);
    expect(JSON.stringify(bad.body)).toMatch(/name is required/);
    expect(JSON.stringify(bad.body)).toMatch(/kind must be one of: link, qr, widget/);

    const colour = await create({
      whatsappAccountId: number.id,
      name: 'W',
      kind: 'widget',
      widget: { greeting: 'Hi', position: 'right', color: 'green' },
    }).expect(400);
    expect(JSON.stringify(colour.body)).toMatch(/widget.color must be a colour/);

    const notWidget = await create({
      whatsappAccountId: number.id,
      name: 'L',
      kind: 'link',
      widget: { greeting: 'Hi', position: 'right', color: '#000000' },
    }).expect(400);
    expect(JSON.stringify(notWidget.body)).toMatch(/widget is only for entry points of kind widget/);
  });

  it('should refuse agents: entry points are set up by admins', async () => {
    const agent = await addMember(t, admin, 'agent');
    await create({ whatsappAccountId: number.id, name: 'Agent link', kind: 'link' }, agent).expect(403);
    await t.http().get('/click-to-chat/entry-points').auth(agent.token, { type: 'bearer' }).expect(403);
  });

  it("should refuse another tenant's number as a missing one", async () => {
    await create({ whatsappAccountId: number.id, name: 'Theirs', kind: 'link' }, other).expect(404);
  });

  it('should answer the QR code as a PNG and as an SVG download', async () => {
    const qr = await entryPoint({ name: 'Shop window', kind: 'qr', prefilledText: 'Hello' });
    const png = await t
      .http()
      .get(`/click-to-chat/entry-points/${qr.id}/qr.png`)
      .auth(admin.token, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(png.headers['content-type']).toBe('image/png');
    expect((png.body as Buffer).subarray(1, 4).toString('latin1')).toBe('PNG');

    const svg = await t
      .http()
      .get(`/click-to-chat/entry-points/${qr.id}/qr.svg`)
      .auth(admin.token, { type: 'bearer' })
      .buffer(true)
      .parse((res, done) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
        res.on('end', () => done(null, body));
      })
      .expect(200);
    expect(svg.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(svg.body as string).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
  });

  it('should serve the widget script and a widget config to any site without auth', async () => {
    const widget = await entryPoint({
      name: 'Pricing page',
      kind: 'widget',
      prefilledText: 'About pricing',
      widget: { greeting: 'Questions?', position: 'left', color: '#ff0000' },
    });

    const script = await t.http().get('/click-to-chat/widget.js').set('Origin', 'https://shop.example').expect(200);
    expect(script.headers['content-type']).toMatch(/^text\/javascript/);
    expect(script.headers['cache-control']).toBe('public, max-age=3600');
    expect(script.headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(script.text).toContain('data-ref');

    const config = await t
      .http()
      .get(`/click-to-chat/widgets/${widget.ref}`)
      .set('Origin', 'https://shop.example')
      .expect(200);
    expect(config.headers['access-control-allow-origin']).toBe('*');
    expect(config.body).toEqual<WidgetConfigDto>({
      url: widget.url,
      greeting: 'Questions?',
      position: 'left',
      color: '#ff0000',
    });

    const link = await entryPoint({ name: 'Not a widget', kind: 'link' });
    await t.http().get(`/click-to-chat/widgets/${link.ref}`).expect(404);
    await t.http().get('/click-to-chat/widgets/zzzzzz').expect(404);
  });

  it('should attribute a conversation to the ref of its first message and keep it under redelivery', async () => {
    const widget = await entryPoint({ name: 'Homepage', kind: 'widget', prefilledText: 'Hi' });
    const link = await entryPoint({ name: 'Newsletter', kind: 'link' });
    const from = customer();
    const first = text(from, `Hi (ref: ${widget.ref})`);
    const payload = webhook(number, { messages: [first] });

    await inbound.deliver(payload);
    await inbound.deliver(webhook(number, { messages: [text(from, `Also (ref: ${link.ref})`)] }));
    await inbound.deliver(payload);

    const conversation = await conversationOf(from);
    expect(conversation.source).toEqual({
      type: 'entry_point',
      entryPointId: widget.id,
      kind: 'widget',
      name: 'Homepage',
      ref: widget.ref,
    });
  });

  it("should not attribute a conversation to another tenant's ref", async () => {
    const theirs = await connectNumber(t, other);
    const res = await create({ whatsappAccountId: theirs.id, name: 'Theirs', kind: 'link' }, other).expect(201);
    const from = customer();

    await inbound.deliver(
      webhook(number, { messages: [text(from, `Hi (ref: ${(res.body as ChatEntryPointDto).ref})`)] }),
    );

    expect((await conversationOf(from)).source).toBeNull();
  });

  it('should attribute a conversation to a click-to-WhatsApp ad referral', async () => {
    const from = customer();
    const referral = {
      source_url: 'https://fb.me/ad123',
      source_id: '120210',
      source_type: 'ad',
      headline: 'Spring sale',
      body: '20% off all plans',
      media_type: 'image',
      ctwa_clid: 'ARAkLkA8rmlFeiCktEJQ',
    };
    const payload = webhook(number, { messages: [text(from, 'Can I get more info?', { referral })] });

    await inbound.deliver(payload);
    await inbound.deliver(payload);

    expect((await conversationOf(from)).source).toEqual({
      type: 'ad',
      headline: 'Spring sale',
      body: '20% off all plans',
      sourceUrl: 'https://fb.me/ad123',
      sourceId: '120210',
      sourceType: 'ad',
      ctwaClid: 'ARAkLkA8rmlFeiCktEJQ',
    });
  });
});
