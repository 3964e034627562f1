/** @jest-environment jsdom */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MEDIA_LIMITS } from '@aerostic/shared';
import { aMessage } from '@/lib/inbox/inbox-builders.test-support';
import type { WindowState } from '@/lib/inbox/inbox-format';
import type { UploadResult } from '@/lib/inbox/inbox-media';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import { ASK_FOR_PHONE_TEXT, Composer, type ComposerProps } from './composer';

const OPEN: WindowState = { open: true, leftMs: 3_600_000, label: 'Window open · 1 h left' };
const CLOSED: WindowState = { open: false, leftMs: 0, label: 'Window closed · templates only' };
const ACCOUNT = '00000000-0000-4000-8000-0000000000b1';

const TEMPLATE: InboxTemplate = {
  id: 't1',
  name: 'follow_up',
  language: 'en',
  category: 'UTILITY',
  status: 'APPROVED',
  body: 'Hi {{1}}, can we help with order {{2}}?',
  buttons: [],
};

function setup(overrides: Partial<ComposerProps> = {}) {
  const onSend = jest.fn<ReturnType<ComposerProps['onSend']>, Parameters<ComposerProps['onSend']>>(async () => ({
    ok: true,
  }));
  const upload = jest.fn(
    async (_file: File, _account: string, onProgress: (f: number) => void): Promise<UploadResult> => {
      onProgress(0.5);
      return {
        ok: true,
        media: { id: '98765', type: 'image', mimeType: 'image/png', fileSize: 10, filename: 'a.png' },
      };
    },
  );
  const onNeedTemplates = jest.fn();
  render(
    <Composer
      whatsappAccountId={ACCOUNT}
      window={OPEN}
      replyTo={null}
      onCancelReply={() => undefined}
      onSend={onSend}
      templates={{ state: 'ready', templates: [TEMPLATE] }}
      onNeedTemplates={onNeedTemplates}
      upload={upload}
      {...overrides}
    />,
  );
  return { onSend, upload, onNeedTemplates, user: userEvent.setup() };
}

function fileOf(name: string, type: string, size: number): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

describe(Composer.name, () => {
  it('should send the text on Enter and clear the box', async () => {
    const { onSend, user } = setup();
    const box = screen.getByRole('textbox', { name: 'Message' });
    await user.type(box, 'Hello there{Enter}');
    expect(onSend).toHaveBeenCalledWith({ type: 'text', text: { body: 'Hello there' } });
    await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe(''));
  });

  it('should say the plan’s limit refused the send and link to the plan that allows more', async () => {
    const { onSend, user } = setup();
    const wayOut = { upgrade: { planId: 'p-3', code: 'growth', name: 'Growth' }, billingUrl: '/dashboard/billing' };
    onSend.mockResolvedValueOnce({ ok: false, message: 'This month’s 1,000 messages are sent.', wayOut });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hello{Enter}');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('This month’s 1,000 messages are sent. Upgrade to Growth');
    expect(screen.getByRole('link', { name: 'Upgrade to Growth' }).getAttribute('href')).toBe('/dashboard/billing');

    onSend.mockResolvedValueOnce({ ok: false, message: 'The customer’s window is closed.' });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Again{Enter}');
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('The customer’s window is closed.'));
    expect(screen.queryByRole('link', { name: 'Upgrade to Growth' })).toBeNull();
  });

  it('should ask a customer without a number for it, with the typed text or a default message', async () => {
    const { onSend, user } = setup({ canAskForPhone: true });
    await user.click(screen.getByRole('button', { name: 'Ask for phone number' }));
    expect(onSend).toHaveBeenCalledWith({
      type: 'interactive',
      interactive: {
        type: 'request_contact_info',
        body: { text: ASK_FOR_PHONE_TEXT },
        action: { name: 'request_contact_info' },
      },
    });

    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Your number, please?');
    await user.click(screen.getByRole('button', { name: 'Ask for phone number' }));
    expect(onSend).toHaveBeenLastCalledWith(
      expect.objectContaining({ interactive: expect.objectContaining({ body: { text: 'Your number, please?' } }) }),
    );
  });

  it('should not offer to ask for the number when the customer has one', () => {
    setup();
    expect(screen.queryByRole('button', { name: 'Ask for phone number' })).toBeNull();
  });

  it('should offer templates only and say why when the window is closed', () => {
    const { onNeedTemplates } = setup({ window: CLOSED });
    expect(screen.queryByRole('textbox', { name: 'Message' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Attach a file' })).toBeNull();
    expect(screen.getByText(/More than 24 hours have passed since the customer last wrote/)).toBeTruthy();
    expect(screen.getByRole('form', { name: 'Send a template' })).toBeTruthy();
    // No way back to free text while closed.
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(onNeedTemplates).toHaveBeenCalled();
  });

  it('should send a template with its parameters and show the preview as it is filled in', async () => {
    const { onSend, user } = setup({ window: CLOSED });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Template' }), 't1');
    await user.type(screen.getByRole('textbox', { name: 'Body {{1}}' }), 'Grace');
    expect(screen.getByText('Hi Grace, can we help with order {{2}}?')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Send template' }));
    expect(onSend).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toContain('Fill in body {{2}} before sending.');

    await user.type(screen.getByRole('textbox', { name: 'Body {{2}}' }), '#42');
    await user.click(screen.getByRole('button', { name: 'Send template' }));
    expect(onSend).toHaveBeenCalledWith({
      type: 'template',
      template: {
        name: 'follow_up',
        language: { code: 'en' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Grace' },
              { type: 'text', text: '#42' },
            ],
          },
        ],
      },
    });
  });

  it('should say why a marketing template cannot be chosen when the customer opted out of marketing', () => {
    const promo: InboxTemplate = { ...TEMPLATE, id: 't2', name: 'spring_sale', category: 'MARKETING', body: 'Sale!' };
    setup({ window: CLOSED, templates: { state: 'ready', templates: [TEMPLATE, promo] }, marketingOptedOut: true });
    const option = screen.getByRole('option', { name: /spring_sale/ }) as HTMLOptionElement;
    expect(option.disabled).toBe(true);
    expect(option.textContent).toMatch(/customer opted out/);
    expect((screen.getByRole('option', { name: /follow_up/ }) as HTMLOptionElement).disabled).toBe(false);
    expect(screen.getByText(/opted out of marketing messages, so marketing templates cannot be sent/)).toBeTruthy();
  });

  it('should say when the server has no templates API', () => {
    setup({
      window: CLOSED,
      templates: { state: 'unavailable', message: 'Templates are not available on this server yet.' },
    });
    expect(screen.getByRole('alert').textContent).toBe('Templates are not available on this server yet.');
  });

  it('should refuse a file that is too big before uploading it', async () => {
    const { upload, onSend } = setup();
    const tooBig = fileOf('photo.jpg', 'image/jpeg', MEDIA_LIMITS.image.maxBytes + 1);
    fireEvent.change(screen.getByLabelText('File to send'), { target: { files: [tooBig] } });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'photo.jpg is 5 MB; WhatsApp takes image files up to 5 MB.',
    );
    expect(upload).not.toHaveBeenCalled();
    expect(onSend).not.toHaveBeenCalled();
  });

  it('should refuse a file type WhatsApp does not take before uploading it', async () => {
    const { upload } = setup();
    fireEvent.change(screen.getByLabelText('File to send'), { target: { files: [fileOf('a.gif', 'image/gif', 100)] } });
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^a\.gif cannot be sent on WhatsApp: image\/gif files are not accepted/,
    );
    expect(upload).not.toHaveBeenCalled();
  });

  it('should upload an accepted file and send it by its media id with the typed caption', async () => {
    const { upload, onSend, user } = setup();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'The receipt');
    fireEvent.change(screen.getByLabelText('File to send'), {
      target: { files: [fileOf('a.png', 'image/png', 1000)] },
    });
    await waitFor(() => expect(onSend).toHaveBeenCalled());
    expect(upload).toHaveBeenCalledWith(expect.any(File), ACCOUNT, expect.any(Function));
    expect(onSend).toHaveBeenCalledWith({ type: 'image', image: { id: '98765', caption: 'The receipt' } });
  });

  it('should show the upload’s own error and send nothing when the upload fails', async () => {
    const { onSend } = setup({
      upload: async () => ({ ok: false, message: 'Sending files is not available yet on this server.' }),
    });
    fireEvent.change(screen.getByLabelText('File to send'), {
      target: { files: [fileOf('a.pdf', 'application/pdf', 1000)] },
    });
    expect((await screen.findByRole('alert')).textContent).toBe('Sending files is not available yet on this server.');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('should allow at most three reply buttons', async () => {
    const { user } = setup();
    await user.click(screen.getByRole('button', { name: 'Reply buttons' }));
    await user.click(screen.getByRole('button', { name: 'Add a button' }));
    await user.click(screen.getByRole('button', { name: 'Add a button' }));
    expect(screen.getAllByRole('textbox', { name: /^Button \d title$/ })).toHaveLength(3);
    const limit = screen.getByRole('button', { name: 'WhatsApp allows at most 3 buttons' });
    expect((limit as HTMLButtonElement).disabled).toBe(true);
  });

  it('should refuse a button title over 20 characters, naming the field', async () => {
    const { onSend, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Reply buttons' }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Pick one');
    await user.type(screen.getByRole('textbox', { name: 'Button 1 title' }), 'A title far too long for WhatsApp');
    await user.click(screen.getByRole('button', { name: 'Send with buttons' }));
    expect(screen.getByRole('alert').textContent).toContain('button title must be at most 20 characters');
    expect(onSend).not.toHaveBeenCalled();
  });

  it('should send reply buttons within the limits', async () => {
    const { onSend, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Reply buttons' }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Pick one');
    await user.type(screen.getByRole('textbox', { name: 'Button 1 title' }), 'Yes');
    await user.click(screen.getByRole('button', { name: 'Send with buttons' }));
    expect(onSend).toHaveBeenCalledWith({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Pick one' },
        action: { buttons: [{ type: 'reply', reply: { id: 'btn-1', title: 'Yes' } }] },
      },
    });
  });

  it('should quote the message being replied to', async () => {
    const replyTo = aMessage({
      id: '22222222-2222-4222-8222-222222222222',
      content: { text: { body: 'Where is my order?' } },
    });
    const { onSend, user } = setup({ replyTo });
    expect(screen.getByText('Where is my order?')).toBeTruthy();
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'On its way{Enter}');
    expect(onSend).toHaveBeenCalledWith({ type: 'text', text: { body: 'On its way' }, replyToMessageId: replyTo.id });
  });

  it('should show the API’s sentence when a send is refused', async () => {
    const { user } = setup({
      onSend: async () => ({ ok: false, message: 'The WhatsApp number is no longer connected.' }),
    });
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Hi{Enter}');
    expect((await screen.findByRole('alert')).textContent).toBe('The WhatsApp number is no longer connected.');
  });

  describe('Suggest a reply', () => {
    it('should put the AI’s draft in the composer for the agent to edit, without sending it', async () => {
      const onSuggest = jest.fn(async () => ({ ok: true as const, text: 'We open at 10:00 on Saturdays.' }));
      const { onSend, user } = setup({ onSuggest });

      await user.click(screen.getByRole('button', { name: 'Suggest a reply' }));

      const box = screen.getByRole('textbox', { name: 'Message' });
      await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe('We open at 10:00 on Saturdays.'));
      expect(onSuggest).toHaveBeenCalledTimes(1);
      expect(onSend).not.toHaveBeenCalled();
      await user.type(box, ' See you!{Enter}');
      expect(onSend).toHaveBeenCalledWith({
        type: 'text',
        text: { body: 'We open at 10:00 on Saturdays. See you!' },
      });
    });

    it('should keep what the agent typed and add the draft below it', async () => {
      const { user } = setup({ onSuggest: async () => ({ ok: true, text: 'Draft.' }) });
      const box = screen.getByRole('textbox', { name: 'Message' });

      await user.type(box, 'Hello Ana,');
      await user.click(screen.getByRole('button', { name: 'Suggest a reply' }));

      await waitFor(() => expect((box as HTMLTextAreaElement).value).toBe('Hello Ana,\n\nDraft.'));
    });

    it('should say why when the AI drafts nothing, and leave the composer as it was', async () => {
      const { user } = setup({
        onSuggest: async () => ({ ok: false, message: 'The customer asks for a person: write this reply yourself.' }),
      });

      await user.click(screen.getByRole('button', { name: 'Suggest a reply' }));

      expect((await screen.findByRole('alert')).textContent).toBe(
        'The customer asks for a person: write this reply yourself.',
      );
      expect((screen.getByRole('textbox', { name: 'Message' }) as HTMLTextAreaElement).value).toBe('');
    });

    it('should offer no suggestion when the inbox gives no way to ask for one', () => {
      setup();

      expect(screen.queryByRole('button', { name: 'Suggest a reply' })).toBeNull();
    });
  });
});
