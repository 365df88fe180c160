"use client";
// "Add a shadow" (admins; others see the button disabled with a note): an .onnx file, a name, the mapping of the
// model's features (from the drift answer) onto the input tensor, the output, score index and sample rate, and an
// optional backfill of the last N days. Sent with upload progress; a refused mapping shows the server's problems
// and the model's signature; a new shadow is selected (`?tab=shadows&shadow=<id>`).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type FormEvent, useEffect, useId, useState } from "react";
import { tabSearch } from "@/lib/charts/drift";
import type { ResolvedRange } from "@/lib/charts/range";
import type { ShadowListItem } from "@/lib/charts/shadow";
import {
  backfillRange,
  buildShadowConfig,
  defaultFormValues,
  rowsFromFeatures,
  type ShadowFormValues,
} from "@/lib/charts/shadow-form";
import { formatBytes, percentOf } from "@/lib/import/ui";
import { useDrift } from "../hooks/use-drift";
import { useCanAdminister } from "../hooks/use-drift-settings";
import { type ShadowUploadState, useShadowUpload } from "../hooks/use-shadow-upload";
import { ShadowFormMapping } from "./shadow-form-mapping";
import { ShadowFormProblems } from "./shadow-form-problems";

const control =
  "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg disabled:opacity-60 aria-invalid:border-bad";
const button =
  "h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50";

/** The "Add a shadow" button, and the form below it once opened. */
export function AddShadow({ model, range }: { model: string; range: ResolvedRange }) {
  const canAdminister = useCanAdminister(model);
  const [open, setOpen] = useState(false);
  const noteId = useId();
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className={button}
          disabled={canAdminister !== true}
          aria-expanded={open}
          aria-describedby={canAdminister === false ? noteId : undefined}
          onClick={() => setOpen((o) => !o)}
        >
          Add a shadow
        </button>
        {canAdminister === false && (
          <span id={noteId} className="text-xs text-muted" data-testid="shadow-add-readonly">
            Only editors and admins can add shadow models.
          </span>
        )}
      </div>
      {open && canAdminister === true && (
        <ShadowForm model={model} range={range} onClose={() => setOpen(false)} />
      )}
    </div>
  );
}

function Progress({ state }: { state: ShadowUploadState }) {
  if (state.phase !== "uploading" && state.phase !== "processing") return null;
  const percent = state.phase === "uploading" ? percentOf(state.loaded, state.total) : 100;
  const label =
    state.phase === "uploading"
      ? `${percent}% · ${formatBytes(state.loaded)} of ${formatBytes(state.total)}`
      : `100% · ${formatBytes(state.total)} sent · checking the model…`;
  return (
    <div className="space-y-1" data-testid="shadow-form-progress" data-phase={state.phase}>
      <div
        role="progressbar"
        aria-label="Upload progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
        className="h-2 w-full overflow-hidden rounded-full bg-surface-2"
      >
        <div className="h-full rounded-full bg-accent" style={{ width: `${percent}%` }} />
      </div>
      <p className="text-xs tabular-nums">{label}</p>
    </div>
  );
}

function ShadowForm({ model, range, onClose }: { model: string; range: ResolvedRange; onClose: () => void }) {
  const id = useId();
  const router = useRouter();
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const drift = useDrift({ model, from: range.from, to: range.to }, { live: false });
  const [file, setFile] = useState<File | null>(null);
  const [values, setValues] = useState<ShadowFormValues>(() => defaultFormValues([]));
  const [prefilled, setPrefilled] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const upload = useShadowUpload(model, (shadow: ShadowListItem) => {
    onClose();
    router.push(`${pathname}?${tabSearch(search, { tab: "shadows", shadow: shadow.id })}`, { scroll: false });
  });

  const features = drift.data?.features;
  useEffect(() => {
    if (prefilled || !features) return;
    setPrefilled(true);
    setValues((v) => (v.rows.length > 0 ? v : { ...v, rows: rowsFromFeatures(features) }));
  }, [features, prefilled]);

  const set = <K extends keyof ShadowFormValues>(k: K, value: ShadowFormValues[K]) =>
    setValues((v) => ({ ...v, [k]: value }));

  function submit(e: FormEvent) {
    e.preventDefault();
    const check = buildShadowConfig(values);
    const missing = file ? [] : ["File: choose the .onnx model."];
    if (!check.ok || !file) {
      setProblems([...missing, ...(check.ok ? [] : check.problems)]);
      return;
    }
    setProblems([]);
    upload.start({
      file,
      config: check.config,
      backfill: values.backfill ? backfillRange(Number(values.backfillDays), Date.now()) : null,
    });
  }

  const { state } = upload;
  const field = (
    key: "name" | "tensor" | "output" | "scoreIndex" | "sampleRate",
    label: string,
    extra = "",
  ) => (
    <div className="flex min-w-0 flex-col gap-0.5">
      <label htmlFor={`${id}-${key}`} className="text-xs text-muted">
        {label}
      </label>
      <input
        id={`${id}-${key}`}
        type="text"
        value={values[key]}
        onChange={(e) => set(key, e.target.value)}
        className={`${control} ${extra}`}
      />
    </div>
  );

  return (
    <section
      aria-label="Add a shadow"
      className="grid grid-cols-1 gap-4 rounded-lg border border-border bg-surface p-4 shadow-sm lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]"
      data-testid="shadow-form"
    >
      <form onSubmit={submit} className="min-w-0 space-y-3" noValidate>
        <fieldset disabled={upload.busy} className="min-w-0 space-y-3">
          <legend className="text-base font-semibold">Add a shadow</legend>
          <div className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={`${id}-file`} className="text-xs text-muted">
              ONNX model file
            </label>
            <input
              id={`${id}-file`}
              type="file"
              accept=".onnx"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
              className="max-w-full text-sm"
            />
          </div>
          <div className="grid grid-cols-1 gap-2 sm:grid-cols-2">
            {field("name", "Shadow name", "font-mono")}
            {field("tensor", "Input tensor", "font-mono")}
            {field("output", "Output tensor", "font-mono")}
            {field("scoreIndex", "Score index (output column)")}
            {field("sampleRate", "Sample rate (0–1]")}
          </div>
          <fieldset className="min-w-0 space-y-1">
            <legend className="text-sm font-medium">Mapping</legend>
            {!drift.data && !drift.error ? (
              <p className="text-xs text-muted">Loading the model's features…</p>
            ) : (
              <ShadowFormMapping rows={values.rows} tensor={values.tensor} onChange={(r) => set("rows", r)} />
            )}
          </fieldset>
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                checked={values.backfill}
                onChange={(e) => set("backfill", e.target.checked)}
                className="h-4 w-4 accent-accent"
              />
              Backfill the last
            </label>
            <input
              type="number"
              min={1}
              max={365}
              value={values.backfillDays}
              disabled={!values.backfill}
              onChange={(e) => set("backfillDays", e.target.value)}
              aria-label="Days to backfill"
              className={`${control} w-20`}
            />
            <span>days</span>
          </div>
        </fieldset>
        {problems.length > 0 && (
          <ul
            role="alert"
            className="list-disc space-y-0.5 pl-5 text-xs text-bad"
            data-testid="shadow-form-invalid"
          >
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        )}
        <div className="flex flex-wrap items-center gap-3">
          <button type="submit" className={button} disabled={upload.busy}>
            {upload.busy ? "Uploading…" : "Upload shadow"}
          </button>
          {upload.busy ? (
            <button
              type="button"
              onClick={upload.cancel}
              className="rounded-md border border-border px-2.5 py-1 text-sm hover:bg-surface-2"
            >
              Cancel upload
            </button>
          ) : (
            <button
              type="button"
              onClick={onClose}
              className="rounded-md border border-border px-2.5 py-1 text-sm hover:bg-surface-2"
            >
              Close
            </button>
          )}
        </div>
        <Progress state={state} />
      </form>
      <div className="min-w-0" aria-live="polite">
        {state.phase === "failed" ? (
          <ShadowFormProblems failure={state} />
        ) : (
          <p className="text-xs text-muted">
            The server loads the model with onnxruntime and checks the mapping against its inputs and outputs
            before storing it; the included features, in order, must fill the input tensor's last dimension.
          </p>
        )}
      </div>
    </section>
  );
}
