"use client";
// The panel editor's options: visualisation, unit, decimals, min/max, legend, thresholds, and for a built-in
// panel which view and which model, version, shadow or experiment (variables like $model allowed).
import type { ReactNode } from "react";
import {
  BUILTIN_KINDS,
  type BuiltinKind,
  LIMITS,
  NAMED_COLORS,
  PANEL_TYPES,
  type Panel,
  type PanelType,
  type Threshold,
  UNITS,
  type Unit,
} from "@/lib/dashboards/schema";
import { thresholdCss } from "@/lib/dashboards/units";
import { controlBase, secondaryButton } from "../experiments/form-fields";

export const PANEL_TYPE_LABELS: Record<PanelType, string> = {
  timeseries: "Time series",
  stat: "Stat",
  gauge: "Gauge",
  bar: "Bar",
  table: "Table",
  heatmap: "Heatmap",
  builtin: "Built-in view",
};

const BUILTIN_LABELS: Record<BuiltinKind, string> = {
  "confusion-matrix": "Confusion matrix",
  "drift-table": "Drift table",
  "shadow-verdict": "Shadow verdict",
  "experiment-summary": "Experiment summary",
};

const UNIT_LABELS: Record<Unit, string> = {
  none: "None",
  short: "Short (1.2K, 3.4M)",
  percent: "Percent (0–100)",
  percentunit: "Percent (0.0–1.0)",
  s: "Seconds",
  ms: "Milliseconds",
  us: "Microseconds",
  bytes: "Bytes",
  Bps: "Bytes/s",
  reqps: "Requests/s",
  ops: "Operations/s",
  celsius: "°C",
  watt: "Watt",
};

const numberOrUndefined = (text: string) =>
  text.trim() === "" || !Number.isFinite(Number(text)) ? undefined : Number(text);

function Labelled({ label, children }: { label: string; children: ReactNode }) {
  return (
    // biome-ignore lint/a11y/noLabelWithoutControl: the control is the child passed in
    <label className="flex min-w-0 flex-col gap-0.5 text-xs font-medium text-muted">
      {label}
      {children}
    </label>
  );
}

function ThresholdsEditor({
  thresholds,
  onChange,
}: {
  thresholds: Threshold[];
  onChange: (t: Threshold[]) => void;
}) {
  const set = (i: number, patch: Partial<Threshold>) =>
    onChange(thresholds.map((t, j) => (j === i ? { ...t, ...patch } : t)));
  return (
    <fieldset className="space-y-1">
      <legend className="text-xs font-medium text-muted">
        Thresholds (a value at or above takes the colour)
      </legend>
      {thresholds.map((t, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: thresholds have no id; their order is their identity here
        <div key={i} className="flex items-center gap-2" data-testid="threshold-row">
          <span
            aria-hidden="true"
            className="size-3 shrink-0 rounded-full"
            style={{ background: thresholdCss(t.color) }}
          />
          <input
            type="number"
            step="any"
            aria-label={`Threshold ${i + 1} value`}
            className={`${controlBase} w-28`}
            value={Number.isFinite(t.value) ? t.value : ""}
            onChange={(e) => set(i, { value: Number(e.target.value) })}
          />
          <select
            aria-label={`Threshold ${i + 1} colour`}
            className={controlBase}
            value={Object.hasOwn(NAMED_COLORS, t.color) ? t.color : "custom"}
            onChange={(e) => set(i, { color: e.target.value === "custom" ? "#777777" : e.target.value })}
          >
            {Object.keys(NAMED_COLORS).map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
            <option value="custom">custom…</option>
          </select>
          {!Object.hasOwn(NAMED_COLORS, t.color) && (
            <input
              type="color"
              aria-label={`Threshold ${i + 1} custom colour`}
              value={/^#[0-9a-fA-F]{6}$/.test(t.color) ? t.color : "#777777"}
              onChange={(e) => set(i, { color: e.target.value })}
            />
          )}
          <button
            type="button"
            className="rounded px-2 py-1 text-muted hover:text-bad"
            aria-label={`Remove threshold ${i + 1}`}
            onClick={() => onChange(thresholds.filter((_, j) => j !== i))}
          >
            ✕
          </button>
        </div>
      ))}
      <button
        type="button"
        className={`${secondaryButton} h-8`}
        disabled={thresholds.length >= LIMITS.thresholds}
        onClick={() =>
          onChange([
            ...thresholds,
            { value: (thresholds.at(-1)?.value ?? 0) + 1, color: thresholds.length ? "red" : "orange" },
          ])
        }
      >
        Add threshold
      </button>
    </fieldset>
  );
}

export function OptionsEditor({
  panel,
  onChange,
}: {
  panel: Panel;
  onChange: (patch: Partial<Panel>) => void;
}) {
  const builtin = panel.builtin ?? { kind: "confusion-matrix" as const, model: "$model" };
  const setBuiltin = (patch: Partial<typeof builtin>) => onChange({ builtin: { ...builtin, ...patch } });
  const text = (v: string) => v.trim() || undefined;
  return (
    <div className="space-y-3" data-testid="panel-options">
      <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
        <Labelled label="Visualisation">
          <select
            className={controlBase}
            value={panel.type}
            data-testid="panel-type"
            onChange={(e) => {
              const type = e.target.value as PanelType;
              onChange(
                type === "builtin"
                  ? { type, targets: [], builtin }
                  : {
                      type,
                      builtin: undefined,
                      targets: panel.targets.length ? panel.targets : [{ expr: "" }],
                    },
              );
            }}
          >
            {PANEL_TYPES.map((t) => (
              <option key={t} value={t}>
                {PANEL_TYPE_LABELS[t]}
              </option>
            ))}
          </select>
        </Labelled>
        {panel.type !== "builtin" && (
          <>
            <Labelled label="Unit">
              <select
                className={controlBase}
                value={panel.unit ?? "none"}
                onChange={(e) =>
                  onChange({ unit: e.target.value === "none" ? undefined : (e.target.value as Unit) })
                }
              >
                {UNITS.map((u) => (
                  <option key={u} value={u}>
                    {UNIT_LABELS[u]}
                  </option>
                ))}
              </select>
            </Labelled>
            <Labelled label="Decimals">
              <input
                type="number"
                min={0}
                max={10}
                className={controlBase}
                value={panel.decimals ?? ""}
                placeholder="auto"
                onChange={(e) => onChange({ decimals: numberOrUndefined(e.target.value) })}
              />
            </Labelled>
            <Labelled label="Min">
              <input
                type="number"
                step="any"
                className={controlBase}
                value={panel.min ?? ""}
                placeholder="auto"
                onChange={(e) => onChange({ min: numberOrUndefined(e.target.value) })}
              />
            </Labelled>
            <Labelled label="Max">
              <input
                type="number"
                step="any"
                className={controlBase}
                value={panel.max ?? ""}
                placeholder="auto"
                onChange={(e) => onChange({ max: numberOrUndefined(e.target.value) })}
              />
            </Labelled>
            {panel.type === "timeseries" && (
              <Labelled label="Legend">
                <select
                  className={controlBase}
                  value={panel.legend ? (panel.legend.show ? panel.legend.placement : "hidden") : "auto"}
                  onChange={(e) => {
                    const v = e.target.value;
                    onChange({
                      legend:
                        v === "auto"
                          ? undefined
                          : v === "hidden"
                            ? { show: false, placement: "bottom" }
                            : { show: true, placement: v as "bottom" | "right" },
                    });
                  }}
                >
                  <option value="auto">Auto (with several series)</option>
                  <option value="bottom">Bottom</option>
                  <option value="right">Right</option>
                  <option value="hidden">Hidden</option>
                </select>
              </Labelled>
            )}
          </>
        )}
      </div>
      {panel.type === "builtin" ? (
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3" data-testid="builtin-options">
          <Labelled label="View">
            <select
              className={controlBase}
              value={builtin.kind}
              onChange={(e) => setBuiltin({ kind: e.target.value as BuiltinKind })}
            >
              {BUILTIN_KINDS.map((k) => (
                <option key={k} value={k}>
                  {BUILTIN_LABELS[k]}
                </option>
              ))}
            </select>
          </Labelled>
          {builtin.kind === "experiment-summary" ? (
            <Labelled label="Experiment key">
              <input
                className={controlBase}
                value={builtin.experiment ?? ""}
                onChange={(e) => setBuiltin({ experiment: text(e.target.value) })}
              />
            </Labelled>
          ) : (
            <>
              <Labelled label="Model">
                <input
                  className={controlBase}
                  value={builtin.model ?? ""}
                  placeholder="$model"
                  onChange={(e) => setBuiltin({ model: text(e.target.value) })}
                />
              </Labelled>
              {builtin.kind !== "shadow-verdict" && (
                <Labelled label="Version (optional)">
                  <input
                    className={controlBase}
                    value={builtin.version ?? ""}
                    placeholder="all versions"
                    onChange={(e) => setBuiltin({ version: text(e.target.value) })}
                  />
                </Labelled>
              )}
              {builtin.kind === "shadow-verdict" && (
                <Labelled label="Shadow name">
                  <input
                    className={controlBase}
                    value={builtin.shadow ?? ""}
                    onChange={(e) => setBuiltin({ shadow: text(e.target.value) })}
                  />
                </Labelled>
              )}
            </>
          )}
        </div>
      ) : (
        <ThresholdsEditor
          thresholds={panel.thresholds ?? []}
          onChange={(t) => onChange({ thresholds: t.length ? t : undefined })}
        />
      )}
    </div>
  );
}
