'use client';

import { TEMPLATE_LIMITS, templateVariables } from '@aerostic/shared';
import { Button } from '@/components/button';
import { FormField } from '@/components/form-field';
import { SelectField } from '@/components/select-field';
import type { FieldErrors } from '@/lib/form-state';
import { TEMPLATE_BUTTON_KINDS, type TemplateButtonKind, type TemplateFormValues } from '@/lib/templates/template-form';

type TemplateButtonValues = TemplateFormValues['buttons'][number];

export interface TemplateButtonsFieldProps {
  idPrefix: string;
  buttons: TemplateButtonValues[];
  onChange: (buttons: TemplateButtonValues[]) => void;
  /** `buttons` for the whole list, `button.<index>` for one button's text. */
  errors: FieldErrors;
}

/**
 * Up to ten quick-reply, website or phone buttons. Every row posts the same four fields, empty where its kind has
 * none, so that the server action can read them back in order.
 */
export function TemplateButtonsField({ idPrefix, buttons, onChange, errors }: TemplateButtonsFieldProps) {
  const change = (index: number, patch: Partial<TemplateButtonValues>) =>
    onChange(buttons.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  return (
    <fieldset className="flex flex-col gap-3">
      <legend className="text-sm font-medium">Buttons</legend>
      {buttons.map((button, i) => (
        <div
          key={i}
          className="grid items-start gap-3 rounded-lg border border-line p-3 xl:grid-cols-[11rem_1fr_1fr_auto]"
        >
          <SelectField
            idPrefix={`${idPrefix}-button-${i}`}
            name="buttonType"
            label="Type"
            options={TEMPLATE_BUTTON_KINDS}
            value={button.type}
            onChange={(e) => change(i, { type: e.target.value as TemplateButtonKind })}
          />
          <FormField
            idPrefix={`${idPrefix}-button-${i}`}
            name="buttonText"
            label="Button text"
            autoComplete="off"
            maxLength={TEMPLATE_LIMITS.buttonTextMaxLength}
            value={button.text}
            onChange={(e) => change(i, { text: e.target.value })}
            error={errors[`button.${i}`]}
          />
          {button.type === 'QUICK_REPLY' ? (
            <>
              <input type="hidden" name="buttonValue" value="" />
              <input type="hidden" name="buttonExample" value="" />
              <span />
            </>
          ) : (
            <div className="flex flex-col gap-2">
              <FormField
                idPrefix={`${idPrefix}-button-${i}`}
                name="buttonValue"
                label={button.type === 'URL' ? 'Website' : 'Phone number'}
                type={button.type === 'URL' ? 'url' : 'tel'}
                autoComplete="off"
                placeholder={button.type === 'URL' ? 'https://shop.example/orders/{{1}}' : '+15550100001'}
                value={button.value}
                onChange={(e) => change(i, { value: e.target.value })}
              />
              {button.type === 'URL' && templateVariables(button.value).length > 0 ? (
                <FormField
                  idPrefix={`${idPrefix}-button-${i}`}
                  name="buttonExample"
                  label="Example for the URL’s {{1}}"
                  autoComplete="off"
                  value={button.example}
                  onChange={(e) => change(i, { example: e.target.value })}
                />
              ) : (
                <input type="hidden" name="buttonExample" value="" />
              )}
            </div>
          )}
          <Button
            type="button"
            variant="ghost"
            className="xl:mt-6"
            aria-label={`Remove button ${i + 1}`}
            onClick={() => onChange(buttons.filter((_, j) => j !== i))}
          >
            Remove
          </Button>
        </div>
      ))}
      {errors.buttons && <p className="text-xs font-medium text-danger-700">{errors.buttons}</p>}
      {buttons.length < TEMPLATE_LIMITS.buttonsMax && (
        <div>
          <Button
            type="button"
            variant="secondary"
            onClick={() => onChange([...buttons, { type: 'QUICK_REPLY', text: '', value: '', example: '' }])}
          >
            Add a button
          </Button>
        </div>
      )}
    </fieldset>
  );
}
