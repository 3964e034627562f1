'use client';

import Link from 'next/link';
import { SelectField } from '@/components/select-field';
import { StatusBadge } from '@/components/status-badge';
import type { InboxTemplate } from '@/lib/inbox/inbox-templates';
import { FieldError } from '@/components/field-error';
import type { WizardNumber } from './wizard-types';

interface TemplateStepProps {
  numbers: WizardNumber[];
  numberId: string;
  templateId: string;
  onNumber: (id: string) => void;
  onTemplate: (template: InboxTemplate) => void;
  errors: Record<string, string>;
}

/** The number the campaign is sent from, and one of that number's approved templates. */
export function TemplateStep({ numbers, numberId, templateId, onNumber, onTemplate, errors }: TemplateStepProps) {
  const number = numbers.find((n) => n.id === numberId);
  const templates = number?.templates.available ? number.templates.list : [];
  const templateError = errors['template.name'] ?? errors['template.language'] ?? errors.template;
  return (
    <div className="flex flex-col gap-5">
      <SelectField
        idPrefix="campaign"
        name="whatsappAccountId"
        label="Send from"
        value={numberId}
        onChange={(event) => onNumber(event.target.value)}
        options={numbers.map((n) => ({ value: n.id, label: n.label }))}
        error={errors.whatsappAccountId}
        className="max-w-md"
      />
      <fieldset aria-describedby={templateError ? 'campaign-template-error' : undefined}>
        <legend className="text-sm font-medium">Approved template</legend>
        {number && !number.templates.available ? (
          <p className="mt-2 text-sm text-warning-700">{number.templates.message}</p>
        ) : templates.length === 0 ? (
          <p className="mt-2 text-sm text-ink-muted">
            This number has no approved template yet.{' '}
            <Link href="/dashboard/whatsapp/templates" className="font-medium text-brand-700 hover:underline">
              Create one
            </Link>{' '}
            and come back once Meta approves it.
          </p>
        ) : (
          <ul className="mt-2 grid gap-3 lg:grid-cols-2">
            {templates.map((template) => (
              <li key={template.id}>
                <label
                  className={`flex h-full cursor-pointer gap-3 rounded-lg border p-3 text-sm ${
                    template.id === templateId ? 'border-brand-600 bg-brand-50' : 'border-line hover:bg-canvas'
                  }`}
                >
                  <input
                    type="radio"
                    name="templateId"
                    value={template.id}
                    checked={template.id === templateId}
                    onChange={() => onTemplate(template)}
                    className="mt-0.5 size-4 shrink-0 accent-brand-600"
                    aria-describedby={`template-${template.id}-body`}
                  />
                  <span className="flex min-w-0 flex-col gap-1">
                    <span className="flex flex-wrap items-center gap-2">
                      <span className="font-medium">
                        {template.name} ({template.language})
                      </span>
                      {template.category && (
                        <StatusBadge tone={template.category === 'MARKETING' ? 'brand' : 'neutral'}>
                          {template.category.charAt(0) + template.category.slice(1).toLowerCase()}
                        </StatusBadge>
                      )}
                    </span>
                    <span id={`template-${template.id}-body`} className="whitespace-pre-line text-ink-muted">
                      {template.body}
                    </span>
                  </span>
                </label>
              </li>
            ))}
          </ul>
        )}
        <FieldError id="campaign-template-error" message={templateError} />
      </fieldset>
    </div>
  );
}
