/** @jest-environment jsdom */
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import axe from 'axe-core';
import { useState } from 'react';
import type { TemplateMediaHeaderFormat } from '@aerostic/shared';
import { EMPTY_TEMPLATE_FORM, type HeaderSampleResult } from '@/lib/templates/template-form';
import { TemplateHeaderField, type TemplateHeaderFieldProps, type TemplateHeaderValues } from './template-header-field';

const HANDLE = '4::aW1hZ2UvcG5n:c2FtcGxl';

function fileOf(name: string, type: string, size = 10): File {
  const file = new File(['x'], name, { type });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

type HarnessProps = Omit<TemplateHeaderFieldProps, 'values' | 'onChange' | 'idPrefix'> & {
  initial?: Partial<TemplateHeaderValues>;
};

/** The field inside a form that holds its values, as the template form does. */
function Harness({ initial, ...props }: HarnessProps) {
  const [values, setValues] = useState<TemplateHeaderValues>({ ...EMPTY_TEMPLATE_FORM, ...initial });
  return (
    <form aria-label="New template">
      <TemplateHeaderField
        idPrefix="t"
        values={values}
        onChange={(change) => setValues((v) => ({ ...v, ...change }))}
        {...props}
      />
    </form>
  );
}

function setup(overrides: Partial<HarnessProps> = {}) {
  const upload = jest.fn(async (file: File, format: TemplateMediaHeaderFormat): Promise<HeaderSampleResult> => ({
    ok: true,
    sample: { handle: HANDLE, format, fileType: file.type, fileName: file.name, fileSize: file.size },
  }));
  const onSampleChange = jest.fn();
  const { container } = render(<Harness upload={upload} onSampleChange={onSampleChange} {...overrides} />);
  return { upload, onSampleChange, container, user: userEvent.setup() };
}

const hidden = (container: HTMLElement, name: string) =>
  (container.querySelector(`input[type="hidden"][name="${name}"]`) as HTMLInputElement).value;

/** The WCAG rules the browser tests apply; jsdom has no layout, so contrast is left to those. */
async function axeViolations(container: HTMLElement): Promise<string[]> {
  const results = await axe.run(container, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    rules: { 'color-contrast': { enabled: false } },
  });
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(', ')}`);
}

describe(TemplateHeaderField.name, () => {
  it('should offer every kind of header, text first, with the text field', () => {
    setup();
    const kinds = screen.getAllByRole('radio').map((r) => (r as HTMLInputElement).labels?.[0]?.textContent);
    expect(kinds).toEqual(['None', 'Text', 'Image', 'Video', 'Document']);
    expect((screen.getByRole('radio', { name: 'Text' }) as HTMLInputElement).checked).toBe(true);
    expect(screen.getByRole('textbox', { name: 'Header text' })).toBeTruthy();
    expect(screen.getByRole('group', { name: 'Header' })).toBeTruthy();
  });

  it('should upload a chosen image at once and keep its handle for the form', async () => {
    const { upload, onSampleChange, container, user } = setup();
    await user.click(screen.getByRole('radio', { name: 'Image' }));
    const input = screen.getByLabelText('Sample image') as HTMLInputElement;
    expect(input.accept).toBe('image/jpeg,image/png');
    expect(input.name).toBe('');
    const png = fileOf('banner.png', 'image/png');

    await user.upload(input, png);

    expect(upload).toHaveBeenCalledWith(png, 'IMAGE');
    expect(onSampleChange).toHaveBeenLastCalledWith(png);
    await waitFor(() => expect(screen.getByRole('status').textContent).toBe('banner.png is uploaded.'));
    expect(hidden(container, 'headerHandle')).toBe(HANDLE);
    expect(hidden(container, 'headerFileName')).toBe('banner.png');
    expect(screen.queryByRole('textbox', { name: 'Header text' })).toBeNull();
  });

  it('should refuse a file of another kind beside the field, without uploading it', async () => {
    const { upload } = setup({ initial: { headerFormat: 'VIDEO' } });
    const input = screen.getByLabelText('Sample video');

    // The picker's `accept` can be bypassed (drag and drop, "All files"): the check does not rely on it.
    await userEvent.setup({ applyAccept: false }).upload(input, fileOf('menu.pdf', 'application/pdf'));

    expect(upload).not.toHaveBeenCalled();
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByText('menu.pdf is not an MP4 video: choose an MP4 video.').id).toBe('t-header-file-error');
    expect(input.getAttribute('aria-describedby')).toContain('t-header-file-error');
  });

  it('should show the upload’s refusal beside the field and keep no handle', async () => {
    const upload = jest.fn(async (): Promise<HeaderSampleResult> => ({
      ok: false,
      message: 'WhatsApp number not found',
    }));
    const { container, user } = setup({ upload });
    await user.click(screen.getByRole('radio', { name: 'Document' }));

    await user.upload(screen.getByLabelText('Sample document'), fileOf('menu.pdf', 'application/pdf'));

    expect(await screen.findByText('WhatsApp number not found')).toBeTruthy();
    expect(hidden(container, 'headerHandle')).toBe('');
  });

  it('should forget the sample when another kind is chosen', async () => {
    const { onSampleChange, container, user } = setup();
    await user.click(screen.getByRole('radio', { name: 'Image' }));
    await user.upload(screen.getByLabelText('Sample image'), fileOf('banner.png', 'image/png'));
    await waitFor(() => expect(hidden(container, 'headerHandle')).toBe(HANDLE));

    await user.click(screen.getByRole('radio', { name: 'Video' }));

    expect(hidden(container, 'headerHandle')).toBe('');
    expect(onSampleChange).toHaveBeenLastCalledWith(null);
    expect(screen.getByRole('status').textContent).toBe('');
  });

  it('should show the form’s error about the sample until another file is chosen', async () => {
    const { user } = setup({
      initial: { headerFormat: 'IMAGE' },
      errors: { headerFile: 'An image header needs an example: upload a sample' },
    });
    const input = screen.getByLabelText('Sample image');
    expect(screen.getByText(/needs an example/)).toBeTruthy();
    expect(input.getAttribute('aria-invalid')).toBe('true');

    await user.upload(input, fileOf('banner.png', 'image/png'));

    await waitFor(() => expect(screen.queryByText(/needs an example/)).toBeNull());
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('should have no accessibility violations with text, and with a media field and its error', async () => {
    const { container, user } = setup();
    expect(await axeViolations(container)).toEqual([]);
    await user.click(screen.getByRole('radio', { name: 'Image' }));
    await userEvent
      .setup({ applyAccept: false })
      .upload(screen.getByLabelText('Sample image'), fileOf('a.gif', 'image/gif'));
    expect(screen.getByText(/a.gif is not a JPEG or PNG image/)).toBeTruthy();
    expect(await axeViolations(container)).toEqual([]);
  });
});
