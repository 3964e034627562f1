/** A field's error under it; the field points at it with `aria-describedby`. */
export function FieldError({ id, message }: { id: string; message?: string }) {
  if (!message) return null;
  return (
    <p id={id} className="text-xs font-medium text-danger-700">
      {message}
    </p>
  );
}
