"use client";
// Name/value pairs (labels, annotations): one row each, add and remove, keyboard-friendly.
import type { Pair } from "@/lib/charts/alert-editor";
import { controlClass, Issues, secondaryButton } from "../experiments/form-fields";

export function PairsEditor({
  legend,
  pairs,
  onChange,
  issues,
  valuePlaceholder,
  multiline = false,
  testId,
}: {
  legend: string;
  pairs: Pair[];
  onChange: (pairs: Pair[]) => void;
  issues?: string[];
  valuePlaceholder: string;
  multiline?: boolean;
  testId: string;
}) {
  const set = (i: number, patch: Partial<Pair>) =>
    onChange(pairs.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <fieldset className="min-w-0 space-y-1.5" data-testid={testId}>
      <legend className="text-xs font-medium text-muted">{legend}</legend>
      {pairs.map((p, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity
        <div key={i} className="flex min-w-0 items-start gap-2">
          <input
            aria-label={`${legend} ${i + 1} name`}
            className={`${controlClass} max-w-[10rem] font-mono`}
            value={p.name}
            placeholder="name"
            onChange={(e) => set(i, { name: e.target.value })}
          />
          {multiline ? (
            <textarea
              aria-label={`${legend} ${i + 1} value`}
              className={`${controlClass} min-h-[2.25rem] font-mono`}
              rows={2}
              value={p.value}
              placeholder={valuePlaceholder}
              onChange={(e) => set(i, { value: e.target.value })}
            />
          ) : (
            <input
              aria-label={`${legend} ${i + 1} value`}
              className={`${controlClass} font-mono`}
              value={p.value}
              placeholder={valuePlaceholder}
              onChange={(e) => set(i, { value: e.target.value })}
            />
          )}
          <button
            type="button"
            aria-label={`Remove ${legend.toLowerCase()} ${p.name || i + 1}`}
            className="h-9 shrink-0 rounded-md px-2 text-muted hover:bg-surface-2 hover:text-bad"
            onClick={() => onChange(pairs.filter((_, j) => j !== i))}
          >
            ×
          </button>
        </div>
      ))}
      <button
        type="button"
        className={`${secondaryButton} h-7 text-xs`}
        onClick={() => onChange([...pairs, { name: "", value: "" }])}
      >
        + {legend.replace(/s$/, "").toLowerCase()}
      </button>
      <Issues messages={issues} />
    </fieldset>
  );
}
