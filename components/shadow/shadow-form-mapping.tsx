"use client";
// The "Add a shadow" form's mapping editor: one row per feature, in the order they fill the input tensor
// (moved up and down), each included or not, with its encoding (a number, or one-hot / ordinal over
// comma-separated categories); the tensor slots they fill add up below.
import { useState } from "react";
import {
  ENCODING_LABELS,
  type EncodingKind,
  type MappingRow,
  moveRow,
  parseCategories,
  slotCount,
} from "@/lib/charts/shadow-form";

const control =
  "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg disabled:opacity-60 aria-invalid:border-bad";
const small =
  "rounded-md border border-border px-1.5 py-0.5 text-xs text-fg hover:bg-surface-2 disabled:opacity-40";

export function ShadowFormMapping({
  rows,
  tensor,
  onChange,
}: {
  rows: MappingRow[];
  tensor: string;
  onChange: (rows: MappingRow[]) => void;
}) {
  const [extra, setExtra] = useState("");
  const set = (i: number, patch: Partial<MappingRow>) =>
    onChange(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const add = () => {
    const name = extra.trim();
    if (!name || rows.some((r) => r.feature === name)) return;
    onChange([...rows, { feature: name, include: true, encoding: "number", categories: "" }]);
    setExtra("");
  };

  return (
    <div className="space-y-2" data-testid="shadow-form-mapping">
      {rows.length === 0 && (
        <p className="text-xs text-muted">No features known for this model yet: add them by name below.</p>
      )}
      <ol className="space-y-2">
        {rows.map((r, i) => (
          <li
            key={r.feature}
            className="flex flex-wrap items-center gap-2 rounded-md border border-border px-2 py-1.5"
            data-testid="shadow-form-row"
          >
            <label className="flex min-w-36 items-center gap-2 text-sm">
              <input
                type="checkbox"
                checked={r.include}
                onChange={(e) => set(i, { include: e.target.checked })}
                className="h-4 w-4 accent-accent"
                aria-label={`Include ${r.feature}`}
              />
              <span className="font-mono">{r.feature}</span>
            </label>
            <select
              value={r.encoding}
              disabled={!r.include}
              onChange={(e) => set(i, { encoding: e.target.value as EncodingKind })}
              className={control}
              aria-label={`Encoding of ${r.feature}`}
            >
              {(Object.keys(ENCODING_LABELS) as EncodingKind[]).map((k) => (
                <option key={k} value={k}>
                  {ENCODING_LABELS[k]}
                </option>
              ))}
            </select>
            {r.encoding !== "number" && (
              <input
                type="text"
                value={r.categories}
                disabled={!r.include}
                placeholder="DE, FR, US"
                onChange={(e) => set(i, { categories: e.target.value })}
                aria-label={`Categories of ${r.feature}`}
                aria-invalid={r.include && parseCategories(r.categories).length === 0 ? true : undefined}
                className={`${control} min-w-0 flex-1 font-mono`}
              />
            )}
            <span className="ml-auto flex gap-1">
              <button
                type="button"
                className={small}
                disabled={i === 0}
                onClick={() => onChange(moveRow(rows, i, -1))}
                aria-label={`Move ${r.feature} up`}
              >
                ↑
              </button>
              <button
                type="button"
                className={small}
                disabled={i === rows.length - 1}
                onClick={() => onChange(moveRow(rows, i, 1))}
                aria-label={`Move ${r.feature} down`}
              >
                ↓
              </button>
            </span>
          </li>
        ))}
      </ol>
      <div className="flex flex-wrap items-center gap-2">
        <input
          type="text"
          value={extra}
          onChange={(e) => setExtra(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter") {
              e.preventDefault();
              add();
            }
          }}
          placeholder="feature name"
          aria-label="Another feature"
          className={`${control} w-48 max-w-full font-mono`}
        />
        <button type="button" className={small} onClick={add} disabled={!extra.trim()}>
          Add feature
        </button>
      </div>
      <p className="text-xs text-muted" data-testid="shadow-form-slots">
        The included features fill <span className="font-mono text-fg">{tensor || "?"}</span>'s last dimension
        in this order: {slotCount(rows)} slots.
      </p>
    </div>
  );
}
