import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes, TextareaHTMLAttributes } from 'react';
import { cn } from '@/lib/cn';

interface FrameProps {
  /** The control's id; its hint and error take `${id}-hint` and `${id}-error`. */
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  className?: string;
  /** For a control whose purpose the row around it shows (a role picker in a table): read, not seen. */
  labelHidden?: boolean;
}

interface ControlA11y {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  className: string;
}

const CONTROL = cn(
  'w-full rounded-md border bg-surface px-2.5 py-1.5 text-sm text-ink placeholder:text-ink-subtle',
  'read-only:bg-canvas disabled:cursor-not-allowed disabled:bg-canvas disabled:text-ink-subtle',
);

/** The frame's own props, and what is left for the control. */
function splitFrame<P extends FrameProps>({ id, label, hint, error, className, labelHidden, ...control }: P) {
  return [{ id, label, hint, error, className, labelHidden }, control] as const;
}

/** Label, control, hint and error, tied together so a screen reader reads them with the control. */
function Frame({
  id,
  label,
  hint,
  error,
  className,
  labelHidden,
  control,
}: FrameProps & { control: (a11y: ControlA11y) => ReactNode }) {
  const notes = [
    { key: 'hint', text: hint, style: 'text-ink-subtle' },
    { key: 'error', text: error, style: 'font-medium text-danger-700' },
  ].filter((note) => Boolean(note.text));
  return (
    <div className={cn('flex flex-col gap-1', className)}>
      <label htmlFor={id} className={labelHidden ? 'sr-only' : 'text-sm font-medium'}>
        {label}
      </label>
      {control({
        id,
        'aria-invalid': error ? true : undefined,
        'aria-describedby': notes.map((note) => `${id}-${note.key}`).join(' ') || undefined,
        className: cn(CONTROL, error ? 'border-danger-600 ring-1 ring-danger-600' : 'border-ink-subtle/50'),
      })}
      {notes.map((note) => (
        <p key={note.key} id={`${id}-${note.key}`} className={cn('text-xs', note.style)}>
          {note.text}
        </p>
      ))}
    </div>
  );
}

export type TextInputProps = FrameProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'className'>;

export function TextInput(props: TextInputProps) {
  const [frame, input] = splitFrame(props);
  return <Frame {...frame} control={(a11y) => <input {...input} {...a11y} />} />;
}

export interface ChoiceOption {
  value: string;
  label: string;
}

export type ChoiceProps = FrameProps &
  Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id' | 'className'> & { options: readonly ChoiceOption[] };

export function Choice(props: ChoiceProps) {
  const [frame, { options, ...select }] = splitFrame(props);
  const items = options.map((option) => (
    <option key={option.value} value={option.value}>
      {option.label}
    </option>
  ));
  return (
    <Frame
      {...frame}
      control={(a11y) => (
        <select {...select} {...a11y}>
          {items}
        </select>
      )}
    />
  );
}

export type TextAreaProps = FrameProps & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id' | 'className'>;

export function TextArea(props: TextAreaProps) {
  const [frame, area] = splitFrame(props);
  return <Frame {...frame} control={(a11y) => <textarea rows={3} {...area} {...a11y} />} />;
}
