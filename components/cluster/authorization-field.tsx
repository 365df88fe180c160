// The write-only Authorization header of a scrape target or serving endpoint: a stored value is never shown;
// typing replaces it, and a checkbox removes it.
import { controlClass, Field } from "../experiments/form-fields";

export function AuthorizationField({
  stored,
  value,
  removing,
  onChange,
  hint,
  field,
  issues,
  className,
}: {
  /** a value is stored on the server */
  stored: boolean;
  value: string;
  removing: boolean;
  onChange: (value: string) => void;
  /** what the header is for, when none is stored */
  hint: string;
  field: string;
  issues?: string[];
  className?: string;
}) {
  return (
    <Field
      label="Authorization header"
      hint={stored ? "a value is stored (never shown); type a new one to replace it" : hint}
      field={field}
      issues={issues}
      className={className}
    >
      {(p) => (
        <input
          {...p}
          type="password"
          autoComplete="off"
          className={`${controlClass} font-mono`}
          value={value}
          disabled={removing}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
    </Field>
  );
}

export function RemoveAuthorizationToggle({
  stored,
  removing,
  onChange,
}: {
  stored: boolean;
  removing: boolean;
  onChange: (removing: boolean) => void;
}) {
  if (!stored) return null;
  return (
    <label className="flex items-center gap-2">
      <input type="checkbox" checked={removing} onChange={(e) => onChange(e.target.checked)} />
      Remove the stored Authorization header
    </label>
  );
}
