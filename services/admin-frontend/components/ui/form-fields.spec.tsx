/** @jest-environment jsdom */
import { render, screen } from '@testing-library/react';
import { FormFields } from './form-fields';
import { Notice } from './notice';

describe(FormFields.name, () => {
  it('should tie each field to its hint and to the error the last attempt gave it', () => {
    render(
      <FormFields
        idPrefix="invite"
        state={{
          status: 'error',
          message: 'Check the highlighted fields.',
          fields: { email: 'Enter a valid email address' },
        }}
        specs={[
          { name: 'email', label: 'Email', hint: 'Their work address.' },
          { kind: 'choice', name: 'role', label: 'Role', options: [{ value: 'admin', label: 'Admin' }] },
        ]}
      />,
    );

    const email = screen.getByLabelText('Email');
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(email.getAttribute('aria-describedby')).toBe('invite-email-hint invite-email-error');
    expect(document.getElementById('invite-email-error')?.textContent).toBe('Enter a valid email address');
    const role = screen.getByLabelText('Role');
    expect(role.getAttribute('aria-invalid')).toBeNull();
    expect(role.getAttribute('aria-describedby')).toBeNull();
  });
});

describe(Notice.name, () => {
  it('should list the field errors no field of the form shows, so that none is lost', () => {
    render(
      <Notice tone="error" strayFields={{ email: 'Taken', _: 'Unknown field' }} shownFields={['email']}>
        No admin was invited.
      </Notice>,
    );
    const notice = screen.getByRole('alert');
    expect(notice.textContent).toContain('No admin was invited.');
    expect(notice.textContent).toContain('_: Unknown field');
    expect(notice.textContent).not.toContain('Taken');
  });

  it('should render nothing when there is nothing to say', () => {
    const { container } = render(<Notice tone="success" />);
    expect(container.innerHTML).toBe('');
  });
});
