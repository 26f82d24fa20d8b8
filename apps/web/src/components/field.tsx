import { useId, type ReactElement, cloneElement } from 'react';

/** A labelled input with its error under it, tied together for screen readers (aria-describedby, aria-invalid). */
export function Field({
  label,
  error,
  hint,
  children,
}: {
  label: string;
  error?: string;
  hint?: string;
  children: ReactElement<Record<string, unknown>>;
}) {
  const id = useId();
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  return (
    <div className={`field${error ? ' invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <small id={`${id}-hint`} className="hint">
          {hint}
        </small>
      )}
      {cloneElement(children, { id, 'aria-invalid': error ? true : undefined, 'aria-describedby': described || undefined })}
      {error && (
        <p id={`${id}-error`} className="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

/** A checkbox with its label after it. */
export function Check({
  label,
  checked,
  onChange,
  name,
}: {
  label: string;
  checked: boolean;
  onChange: (value: boolean) => void;
  name?: string;
}) {
  const id = useId();
  return (
    <div className="check">
      <input id={id} name={name} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={id}>{label}</label>
    </div>
  );
}

/** Loading and error states every screen shows the same way. */
export function Status({ loading, error }: { loading?: boolean; error?: unknown }) {
  if (error)
    return (
      <p className="error" role="alert">
        {error instanceof Error ? error.message : String(error)}
      </p>
    );
  if (loading) return <p aria-busy="true">…</p>;
  return null;
}
