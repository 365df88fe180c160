"use client";
// Tests and thresholds: model-wide (a test for every column, a threshold, the share of drifted features that
// makes dataset drift) and per feature (type, test, threshold), each "auto" unless set. A test list per column
// holds only the tests that take its type. Saved together with one PUT of the config; the reference is kept.
import { type FormEvent, useId, useMemo, useState } from "react";
import {
  type DriftConfig,
  type DriftResponse,
  formatThreshold,
  OUTPUT_LABELS,
  type OutputColumn,
  STATTEST_LABELS,
  stattestLabel,
} from "@/lib/charts/drift";
import {
  type ColumnForm,
  type ColumnType,
  configFromForm,
  DEFAULT_DRIFT_SHARE_PERCENT,
  diffConfig,
  effectiveType,
  type FeatureInfo,
  type FormErrors,
  fieldKey,
  formFromConfig,
  normalizeConfig,
  type SettingsForm,
  STAT_TESTS,
  type TestChoice,
  type TypeChoice,
  testApplies,
  testsFor,
  validateForm,
} from "@/lib/charts/drift-settings";

const control =
  "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg disabled:opacity-60 aria-invalid:border-bad";
const AUTO_COLUMN: ColumnForm = { type: "auto", stattest: "auto", threshold: "" };

function TestOptions({ type, value }: { type: ColumnType | null; value: TestChoice }) {
  const tests = testsFor(type);
  return (
    <>
      {value !== "auto" && !tests.includes(value) && (
        <option value={value}>{STATTEST_LABELS[value]} (does not apply)</option>
      )}
      {tests.map((t) => (
        <option key={t} value={t}>
          {STATTEST_LABELS[t]}
        </option>
      ))}
    </>
  );
}

function FieldError({ id, error }: { id: string; error: string | undefined }) {
  if (!error) return null;
  return (
    <span id={id} className="mt-0.5 block text-xs text-bad">
      {error}
    </span>
  );
}

export function ColumnSettings({
  drift,
  config,
  canEdit,
  saving,
  onSave,
}: {
  drift: DriftResponse | null;
  config: DriftConfig;
  canEdit: boolean;
  saving: boolean;
  /** PUTs the latest config changed by this function; resolves once saved. */
  onSave: (change: (latest: DriftConfig) => DriftConfig) => Promise<unknown>;
}) {
  const id = useId();
  const tested = useMemo(() => new Map((drift?.features ?? []).map((c) => [c.name, c])), [drift]);
  const features: FeatureInfo[] = useMemo(() => {
    const names = [...new Set([...tested.keys(), ...Object.keys(config.columns ?? {})])].sort((a, b) =>
      a.localeCompare(b),
    );
    return names.map((name) => ({
      name,
      detected: config.columns?.[name]?.type ? null : (tested.get(name)?.type ?? null),
    }));
  }, [tested, config]);
  const outputs = useMemo(
    () =>
      (["prediction", "score", "label"] as OutputColumn[]).flatMap((k) => {
        const c = drift?.[k];
        return c ? [{ name: OUTPUT_LABELS[k], type: c.type }] : [];
      }),
    [drift],
  );

  const savedKey = JSON.stringify(normalizeConfig({ ...config, reference: undefined }));
  const [form, setForm] = useState<SettingsForm>(() => formFromConfig(config, [...tested.keys()]));
  const [basis, setBasis] = useState(savedKey);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  const changes = useMemo(() => diffConfig(config, configFromForm(form, config)), [form, config]);
  // Saved elsewhere (or by this form): show the saved settings unless there are edits not saved yet.
  if (basis !== savedKey) {
    setBasis(savedKey);
    if (changes.length === 0) setForm(formFromConfig(config, [...tested.keys()]));
  }
  const errors: FormErrors = useMemo(() => validateForm(form, features, outputs), [form, features, outputs]);
  const invalid = Object.keys(errors).length > 0;

  const column = (name: string) => form.columns[name] ?? AUTO_COLUMN;
  function setColumn(name: string, change: Partial<ColumnForm>) {
    setMessage(null);
    setForm((f) => ({
      ...f,
      columns: { ...f.columns, [name]: { ...(f.columns[name] ?? AUTO_COLUMN), ...change } },
    }));
  }
  function setModel(change: Partial<Omit<SettingsForm, "columns">>) {
    setMessage(null);
    setForm((f) => ({ ...f, ...change }));
  }

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (!canEdit || invalid || changes.length === 0) return;
    setMessage(null);
    try {
      await onSave((latest) => configFromForm(form, latest));
      setMessage({
        ok: true,
        text: "Saved. The table uses the new settings; the hourly series are being rewritten.",
      });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  }

  const err = (key: string) => errors[key];
  const describedBy = (key: string) => (errors[key] ? `${id}-${key}-error` : undefined);
  const modelThreshold = form.threshold.trim();

  return (
    <form
      onSubmit={submit}
      className="space-y-4"
      aria-label="Tests and thresholds"
      data-testid="drift-settings-columns"
    >
      <fieldset disabled={!canEdit || saving} className="min-w-0 space-y-4">
        <legend className="sr-only">Tests and thresholds</legend>
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
          <div className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={`${id}-stattest`} className="text-xs text-muted">
              Test for every column
            </label>
            <select
              id={`${id}-stattest`}
              value={form.stattest}
              onChange={(e) => setModel({ stattest: e.target.value as TestChoice })}
              aria-invalid={err("stattest") ? true : undefined}
              aria-describedby={describedBy("stattest")}
              className={control}
              data-testid="settings-stattest"
            >
              <option value="auto">Auto (Evidently's choice per column)</option>
              {STAT_TESTS.map((t) => (
                <option key={t} value={t}>
                  {STATTEST_LABELS[t]}
                </option>
              ))}
            </select>
            <FieldError id={`${id}-stattest-error`} error={err("stattest")} />
          </div>
          <div className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={`${id}-threshold`} className="text-xs text-muted">
              Threshold for every column
            </label>
            <input
              id={`${id}-threshold`}
              type="text"
              inputMode="decimal"
              placeholder="auto (the test's default)"
              value={form.threshold}
              onChange={(e) => setModel({ threshold: e.target.value })}
              aria-invalid={err("threshold") ? true : undefined}
              aria-describedby={describedBy("threshold")}
              className={control}
              data-testid="settings-threshold"
            />
            <FieldError id={`${id}-threshold-error`} error={err("threshold")} />
          </div>
          <div className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={`${id}-driftShare`} className="text-xs text-muted">
              Dataset drift when at least this % of features drift
            </label>
            <input
              id={`${id}-driftShare`}
              type="text"
              inputMode="decimal"
              placeholder={String(DEFAULT_DRIFT_SHARE_PERCENT)}
              value={form.driftShare}
              onChange={(e) => setModel({ driftShare: e.target.value })}
              aria-invalid={err("driftShare") ? true : undefined}
              aria-describedby={describedBy("driftShare")}
              className={control}
              data-testid="settings-drift-share"
            />
            <FieldError id={`${id}-driftShare-error`} error={err("driftShare")} />
          </div>
        </div>
        <p className="text-xs text-muted">
          A threshold is a p-value for K–S, chi-square, Z and TVD (drift below it), else a distance (drift at
          or above it). Empty is the test's default: 0.05 for K–S, chi-square and Z, 0.1 for the others.
        </p>

        {features.length === 0 ? (
          <p className="text-sm text-muted">
            No features in this range: send predictions with a `features` object.
          </p>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-sm" data-testid="settings-columns-table">
              <caption className="sr-only">Per-feature type, test and threshold</caption>
              <thead className="border-b border-border text-left text-xs text-muted">
                <tr>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Feature
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Tested now
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Type
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Test
                  </th>
                  <th scope="col" className="px-2 py-2 font-medium">
                    Threshold
                  </th>
                </tr>
              </thead>
              <tbody>
                {features.map((f) => {
                  const c = column(f.name);
                  const now = tested.get(f.name);
                  const type = effectiveType(c, f);
                  const testKey = fieldKey(f.name, "stattest");
                  const thrKey = fieldKey(f.name, "threshold");
                  const modelTest = form.stattest !== "auto" && type && testApplies(form.stattest, type);
                  return (
                    <tr key={f.name} className="border-b border-border last:border-0" data-column={f.name}>
                      <th scope="row" className="break-all px-2 py-1.5 text-left font-mono font-medium">
                        {f.name}
                      </th>
                      <td className="px-2 py-1.5 text-xs whitespace-nowrap text-muted">
                        {now ? (
                          <>
                            {now.type} · {stattestLabel(now.stattest, true)}
                            {now.stattest ? ` ${formatThreshold(now.threshold, now.stattest)}` : ""}
                          </>
                        ) : (
                          "not in this range"
                        )}
                      </td>
                      <td className="px-2 py-1.5 align-top">
                        <select
                          aria-label={`Type of ${f.name}`}
                          value={c.type}
                          onChange={(e) => setColumn(f.name, { type: e.target.value as TypeChoice })}
                          className={control}
                        >
                          <option value="auto">Auto{f.detected ? ` (${f.detected})` : ""}</option>
                          <option value="numerical">Numerical</option>
                          <option value="categorical">Categorical</option>
                        </select>
                      </td>
                      <td className="px-2 py-1.5 align-top">
                        <select
                          aria-label={`Test for ${f.name}`}
                          value={c.stattest}
                          onChange={(e) => setColumn(f.name, { stattest: e.target.value as TestChoice })}
                          aria-invalid={err(testKey) ? true : undefined}
                          aria-describedby={describedBy(testKey)}
                          className={control}
                        >
                          <option value="auto">
                            {modelTest ? `Model-wide (${stattestLabel(form.stattest, true)})` : "Auto"}
                          </option>
                          <TestOptions type={type} value={c.stattest} />
                        </select>
                        <FieldError id={`${id}-${testKey}-error`} error={err(testKey)} />
                      </td>
                      <td className="px-2 py-1.5 align-top">
                        <input
                          type="text"
                          inputMode="decimal"
                          aria-label={`Threshold for ${f.name}`}
                          placeholder={modelThreshold || "auto"}
                          value={c.threshold}
                          onChange={(e) => setColumn(f.name, { threshold: e.target.value })}
                          aria-invalid={err(thrKey) ? true : undefined}
                          aria-describedby={describedBy(thrKey)}
                          className={`${control} w-28`}
                        />
                        <FieldError id={`${id}-${thrKey}-error`} error={err(thrKey)} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </fieldset>

      {canEdit && (
        <div className="space-y-2">
          {changes.length > 0 && (
            <div className="text-xs" data-testid="settings-changes">
              <p className="font-medium">
                {changes.length} unsaved change{changes.length === 1 ? "" : "s"}:
              </p>
              <ul className="list-disc pl-5 text-muted">
                {changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          )}
          <div className="flex flex-wrap items-center gap-3">
            <button
              type="submit"
              disabled={saving || invalid || changes.length === 0}
              className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
            >
              {saving ? "Saving…" : "Save settings"}
            </button>
            <button
              type="button"
              disabled={saving || changes.length === 0}
              onClick={() => {
                setMessage(null);
                setForm(formFromConfig(config, [...tested.keys()]));
              }}
              className="h-9 rounded-md border border-border px-3 text-sm text-fg hover:bg-surface-2 disabled:opacity-50"
            >
              Discard changes
            </button>
            {invalid && <span className="text-xs text-bad">Fix the fields marked above first.</span>}
          </div>
        </div>
      )}
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-good" : "text-bad"}`}
          data-testid="settings-saved"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
