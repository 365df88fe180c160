"use client";
// The variants of the create form: one row per variant (key, version from the model's versions, weight), add
// and remove rows, "Split evenly", and the weights' running sum, marked when it is not 1.
import { useRef, useState } from "react";
import type { FieldIssues } from "@/lib/charts/experiment-form";
import { splitEvenly, type VariantValues, weightSum, weightsSumToOne } from "@/lib/charts/experiment-form";
import { formatMetric } from "@/lib/charts/format";
import { controlClass, Issues, secondaryButton } from "./form-fields";

const MAX_VARIANTS = 20;

export function VariantRows({
  variants,
  versions,
  issues,
  onChange,
}: {
  variants: VariantValues[];
  versions: string[];
  issues: FieldIssues;
  onChange: (next: VariantValues[]) => void;
}) {
  // Stable React keys for rows that are added and removed while their own keys are being typed.
  const nextId = useRef(variants.length);
  const [rowIds, setRowIds] = useState(() => variants.map((_, i) => i));
  const sum = weightSum(variants);
  const sumOk = weightsSumToOne(variants);
  const listId = "experiment-versions";

  const set = (i: number, patch: Partial<VariantValues>) =>
    onChange(variants.map((v, j) => (j === i ? { ...v, ...patch } : v)));

  function add() {
    const weights = splitEvenly(variants.length + 1);
    const next = [...variants, { key: `variant-${variants.length}`, version: "", weight: "0" }];
    setRowIds((ids) => [...ids, nextId.current++]);
    onChange(next.map((v, i) => ({ ...v, weight: weights[i]! })));
  }

  function remove(i: number) {
    setRowIds((ids) => ids.filter((_, j) => j !== i));
    onChange(variants.filter((_, j) => j !== i));
  }

  return (
    <fieldset className="min-w-0 space-y-2" data-testid="experiment-variants">
      <legend className="text-sm font-medium">Variants</legend>
      <p className="text-xs text-muted">
        The first variant is the control. Each unit is assigned to one variant by its weight.
      </p>
      <datalist id={listId}>
        {versions.map((v) => (
          <option key={v} value={v} />
        ))}
      </datalist>
      <div className="space-y-2">
        {variants.map((v, i) => {
          const rowIssue = (f: string) => issues[`variants.${i}.${f}`];
          return (
            <div
              key={rowIds[i] ?? `extra-${i}`}
              className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)_5.5rem_auto] items-start gap-2"
            >
              <div className="min-w-0">
                <input
                  aria-label={`Variant ${i + 1} key`}
                  value={v.key}
                  onChange={(e) => set(i, { key: e.target.value })}
                  aria-invalid={!!rowIssue("key")}
                  className={`${controlClass} font-mono`}
                  placeholder={i === 0 ? "control" : "treatment"}
                />
                <Issues messages={rowIssue("key")} />
              </div>
              <div className="min-w-0">
                <input
                  aria-label={`Variant ${i + 1} version`}
                  value={v.version}
                  list={listId}
                  onChange={(e) => set(i, { version: e.target.value })}
                  aria-invalid={!!rowIssue("version")}
                  className={`${controlClass} font-mono`}
                  placeholder={versions[0] ?? "v1"}
                />
                <Issues messages={rowIssue("version")} />
              </div>
              <div className="min-w-0">
                <input
                  aria-label={`Variant ${i + 1} weight`}
                  value={v.weight}
                  inputMode="decimal"
                  onChange={(e) => set(i, { weight: e.target.value })}
                  aria-invalid={!!rowIssue("weight") || !sumOk}
                  className={`${controlClass} text-right tabular-nums`}
                />
                <Issues messages={rowIssue("weight")} />
              </div>
              <button
                type="button"
                onClick={() => remove(i)}
                disabled={variants.length <= 2}
                aria-label={`Remove variant ${v.key || i + 1}`}
                className="h-8 rounded-md border border-border px-2 text-sm text-muted hover:bg-surface-2 hover:text-fg disabled:opacity-40"
              >
                ×
              </button>
            </div>
          );
        })}
      </div>
      <div className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={add}
          disabled={variants.length >= MAX_VARIANTS}
          className={`${secondaryButton} h-8`}
        >
          Add variant
        </button>
        <button
          type="button"
          onClick={() => {
            const w = splitEvenly(variants.length);
            onChange(variants.map((v, i) => ({ ...v, weight: w[i]! })));
          }}
          className={`${secondaryButton} h-8`}
        >
          Split evenly
        </button>
        <span
          className={`ml-auto text-xs tabular-nums ${sumOk ? "text-muted" : "font-medium text-bad"}`}
          aria-live="polite"
          data-testid="experiment-weight-sum"
        >
          Sum of weights: {Number.isFinite(sum) ? formatMetric(sum, 4) : "—"}
          {sumOk ? "" : " (must be 1)"}
        </span>
      </div>
      <Issues messages={issues.variants} testId="issue-variants" />
    </fieldset>
  );
}
