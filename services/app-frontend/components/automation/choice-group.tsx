import { FieldError } from '@/components/field-error';

interface ChoiceGroupProps<T extends string | number> {
  /** Unique on the page: prefixes the checkboxes' ids. */
  idPrefix: string;
  legend: string;
  options: ReadonlyArray<{ value: T; label: string; name?: string }>;
  selected: readonly T[];
  onChange: (selected: T[]) => void;
  error?: string;
}

/** A row of checkboxes for a list value (statuses, days, message types, numbers), with its error announced. */
export function ChoiceGroup<T extends string | number>({
  idPrefix,
  legend,
  options,
  selected,
  onChange,
  error,
}: ChoiceGroupProps<T>) {
  const errorId = `${idPrefix}-error`;
  const toggle = (value: T, on: boolean) =>
    onChange(on ? [...selected.filter((v) => v !== value), value] : selected.filter((v) => v !== value));
  return (
    <fieldset className="flex flex-col gap-2" aria-describedby={error ? errorId : undefined}>
      <legend className="text-sm font-medium">{legend}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-2">
        {options.map((option) => (
          <label key={option.value} className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              checked={selected.includes(option.value)}
              onChange={(event) => toggle(option.value, event.target.checked)}
              aria-label={option.name}
              className="size-4 accent-brand-600"
            />
            {option.label}
          </label>
        ))}
      </div>
      <FieldError id={errorId} message={error} />
    </fieldset>
  );
}
