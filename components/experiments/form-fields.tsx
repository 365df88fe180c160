// Shared pieces of the experiment forms: control styles, a labelled field with its issues right under it,
// and an inline "are you sure?" step for destructive actions (keyboard-reachable, no browser dialog).
import { type ReactNode, useId } from "react";

/** A control's look without a width: toolbars size it to its content. */
export const controlBase =
  "min-w-0 rounded-md border border-border bg-surface px-2 py-1.5 text-sm text-fg placeholder:text-muted focus:border-accent disabled:opacity-60 aria-invalid:border-bad";
/** A form field's control: as wide as its column. */
export const controlClass = `${controlBase} w-full`;
export const primaryButton =
  "inline-flex h-9 items-center rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50";
export const secondaryButton =
  "inline-flex h-9 items-center rounded-md border border-border px-3 text-sm text-fg hover:bg-surface-2 disabled:opacity-50";
export const dangerButton =
  "inline-flex h-9 items-center rounded-md border border-bad/50 px-3 text-sm font-medium text-bad hover:bg-bad/10 disabled:opacity-50";

/** The issues of one field, announced when they appear. */
export function Issues({ id, messages, testId }: { id?: string; messages?: string[]; testId?: string }) {
  if (!messages || messages.length === 0) return null;
  return (
    <ul id={id} className="mt-0.5 space-y-0.5 text-xs text-bad" data-testid={testId}>
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}

/**
 * A label, a control and the control's issues. The control is rendered by `children(props)` so it gets the
 * id, aria-invalid and aria-describedby that tie it to its label and issues.
 */
export function Field({
  label,
  hint,
  issues,
  field,
  className = "",
  children,
}: {
  label: string;
  hint?: string;
  issues?: string[];
  /** the field name, for data-testid="issue-<field>" */
  field: string;
  className?: string;
  children: (p: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const id = useId();
  const invalid = (issues?.length ?? 0) > 0;
  const describedBy = [hint ? `${id}-hint` : "", invalid ? `${id}-issues` : ""].filter(Boolean).join(" ");
  return (
    <div className={`flex min-w-0 flex-col gap-0.5 ${className}`}>
      <label htmlFor={id} className="text-xs font-medium text-muted">
        {label}
      </label>
      {children({ id, "aria-invalid": invalid, "aria-describedby": describedBy || undefined })}
      {hint && (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      )}
      <Issues id={`${id}-issues`} messages={issues} testId={`issue-${field}`} />
    </div>
  );
}

/** A button that asks once more inline before it acts. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  busy,
  danger = false,
  open,
  onOpenChange,
  testId,
}: {
  label: string;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  busy: boolean;
  danger?: boolean;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  testId: string;
}) {
  if (!open)
    return (
      <button
        type="button"
        className={danger ? dangerButton : secondaryButton}
        onClick={() => onOpenChange(true)}
        data-testid={testId}
      >
        {label}
      </button>
    );
  return (
    <div
      role="alertdialog"
      aria-label={question}
      className="flex flex-wrap items-center gap-2 rounded-md border border-border bg-surface-2 px-3 py-2 text-sm"
    >
      <span>{question}</span>
      <button
        type="button"
        className={danger ? dangerButton : primaryButton}
        onClick={onConfirm}
        disabled={busy}
        data-testid={`${testId}-confirm`}
        // biome-ignore lint/a11y/noAutofocus: the confirmation just opened; focus moves to its action
        autoFocus
      >
        {busy ? "Working…" : confirmLabel}
      </button>
      <button type="button" className={secondaryButton} onClick={() => onOpenChange(false)} disabled={busy}>
        Cancel
      </button>
    </div>
  );
}
