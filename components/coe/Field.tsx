import { type ReactNode, useId } from 'react';

/** A labelled form field with its hint, or its problem in place of the hint (the control is described by either). */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: ReactNode;
  children: (id: string, describedBy?: string) => ReactNode;
}) {
  const id = useId();
  const note = `${id}-note`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children(id, error || hint ? note : undefined)}
      {error ? (
        <span className="field__error" id={note}>
          {error}
        </span>
      ) : hint ? (
        <span className="field__hint" id={note}>
          {hint}
        </span>
      ) : null}
    </div>
  );
}
