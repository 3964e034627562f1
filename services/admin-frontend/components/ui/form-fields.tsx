import type { FormState } from '@aerostic/shared/web';
import { Choice, type ChoiceProps, TextInput, type TextInputProps } from './fields';

/** A field of a form, described rather than written out; its id is the form's prefix and its name. */
export type FieldSpec =
  | ({ kind?: 'text'; name: string } & Omit<TextInputProps, 'id' | 'name' | 'error'>)
  | ({ kind: 'choice'; name: string } & Omit<ChoiceProps, 'id' | 'name' | 'error'>);

/**
 * Renders a form's fields in order, each with the error the last attempt gave it (from the action's state), so
 * every form shows field errors the same way.
 */
export function FormFields({
  idPrefix,
  specs,
  state,
}: {
  idPrefix: string;
  specs: readonly FieldSpec[];
  state?: FormState;
}) {
  return specs.map((spec) => {
    const id = `${idPrefix}-${spec.name}`;
    const error = state?.fields?.[spec.name];
    if (spec.kind === 'choice') {
      const { kind: _choice, ...choice } = spec;
      return <Choice key={spec.name} id={id} error={error} {...choice} />;
    }
    const { kind: _text, ...text } = spec;
    return <TextInput key={spec.name} id={id} error={error} {...text} />;
  });
}
