"use client";
// Uploading a reference dataset: choose or drop a file; its format (from the name or first line, or chosen), its
// columns (the CSV header or the first JSON line's keys, read here) offered for the prediction, score and label
// roles; a name (the file's by default) and whether it becomes the reference; then the upload with progress,
// and the server's answer — the rows read, or the problem and its line.
import { useId, useMemo, useRef, useState } from "react";
import {
  defaultProfileName,
  detectReferenceFormat,
  guessRoles,
  HEADER_SNIFF_BYTES,
  keepKnownRoles,
  profileNameProblem,
  REFERENCE_FORMAT_LABELS,
  type ReferenceFormat,
  type ReferenceProfile,
  type ReferenceRoles,
  ROLE_LABELS,
  rolesProblem,
  sniffColumns,
} from "@/lib/charts/drift-settings";
import { formatInteger } from "@/lib/charts/format";
import { formatBytes } from "@/lib/import/ui";
import { type ReferenceUploadState, useReferences, useReferenceUpload } from "../hooks/use-drift-settings";
import { AlertIcon, CheckIcon } from "../icons";
import { FileDrop } from "../ui/file-drop";
import { ReferenceUploadProgress } from "./reference-upload-progress";

const control =
  "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg disabled:opacity-60 aria-invalid:border-bad";
const NO_ROLES: ReferenceRoles = { predictionColumn: "", scoreColumn: "", labelColumn: "" };

interface Head {
  text: string;
  whole: boolean;
}

function announcement(state: ReferenceUploadState): string {
  switch (state.phase) {
    case "uploading":
      return `Uploading ${state.name}…`;
    case "processing":
      return "Upload complete. Processing…";
    case "done":
      return `Uploaded ${state.name}: ${state.result.profile.rows} rows.`;
    case "failed":
      return `Upload failed: ${state.title}.`;
    case "cancelled":
      return "Upload cancelled.";
    default:
      return "";
  }
}

function Outcome({ state }: { state: ReferenceUploadState }) {
  if (state.phase === "done") {
    const { profile, active } = state.result;
    const isActive = active.source === "profile" && active.profile === profile.name;
    return (
      <p
        className="flex items-start gap-2 rounded-md border border-good/40 bg-good/10 px-3 py-2 text-sm"
        data-testid="reference-upload-result"
      >
        <CheckIcon className="mt-0.5 shrink-0 text-good" />
        <span>
          <span className="font-medium">
            Uploaded <span className="font-mono">{profile.name}</span>: {formatInteger(profile.rows)} row
            {profile.rows === 1 ? "" : "s"}, {profile.columns.length} column
            {profile.columns.length === 1 ? "" : "s"}.
          </span>{" "}
          {isActive
            ? "It is now the model's drift reference; the drift series are being rewritten against it."
            : "It is not the reference: choose it above to use it."}
        </span>
      </p>
    );
  }
  if (state.phase === "failed")
    return (
      <div
        role="alert"
        className="rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm"
        data-testid="reference-upload-error"
      >
        <p className="flex items-start gap-2 font-medium text-bad">
          <AlertIcon className="mt-0.5 shrink-0" />
          {state.title}
        </p>
        <p className="mt-1 break-words pl-6 text-fg">{state.message}</p>
        <p className="mt-1 pl-6 text-xs text-muted">
          Nothing changed: the previous dataset of this name and the drift settings are as they were.
        </p>
      </div>
    );
  if (state.phase === "cancelled")
    return (
      <p
        className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm"
        data-testid="reference-upload-cancelled"
      >
        Cancelled after sending {formatBytes(state.loaded)} of {formatBytes(state.total)}. Nothing was kept.
      </p>
    );
  return null;
}

export function ReferenceUpload({
  model,
  canEdit,
  profiles,
}: {
  model: string;
  canEdit: boolean;
  profiles: readonly ReferenceProfile[];
}) {
  const id = useId();
  const [file, setFile] = useState<File | null>(null);
  const [head, setHead] = useState<Head | null>(null);
  const [formatChoice, setFormatChoice] = useState<"auto" | ReferenceFormat>("auto");
  const [roles, setRoles] = useState<ReferenceRoles>(NO_ROLES);
  const [name, setName] = useState("");
  const [activate, setActivate] = useState(true);
  const upload = useReferenceUpload(model);
  const { state } = upload;
  const picked = useRef(0);
  // Poll the list while uploading: the server writes the rows read so far.
  const list = useReferences(model, { poll: upload.busy });

  const detected = file ? detectReferenceFormat(file.name, head?.text ?? "") : null;
  const format: ReferenceFormat = formatChoice === "auto" ? (detected?.format ?? "csv") : formatChoice;
  const sniff = useMemo(() => (head ? sniffColumns(format, head.text, head.whole) : null), [head, format]);
  const columns = sniff?.ok ? sniff.columns : [];

  async function choose(next: File) {
    const token = ++picked.current;
    setFile(next);
    setHead(null);
    setFormatChoice("auto");
    setName(defaultProfileName(next.name));
    upload.reset();
    const text = await next
      .slice(0, HEADER_SNIFF_BYTES)
      .text()
      .catch(() => "");
    if (token !== picked.current) return;
    const h = { text, whole: next.size <= HEADER_SNIFF_BYTES };
    setHead(h);
    const cols = sniffColumns(detectReferenceFormat(next.name, text).format, h.text, h.whole);
    setRoles(cols.ok ? guessRoles(cols.columns) : NO_ROLES);
  }

  function changeFormat(choice: "auto" | ReferenceFormat) {
    setFormatChoice(choice);
    if (!head || !file) return;
    const f = choice === "auto" ? detectReferenceFormat(file.name, head.text).format : choice;
    const cols = sniffColumns(f, head.text, head.whole);
    setRoles((r) => keepKnownRoles(r, cols.ok ? cols.columns : []));
  }

  const nameProblem = file ? profileNameProblem(name) : null;
  const roleProblem = rolesProblem(roles);
  const replaces = profiles.some((p) => p.name === name && p.status === "ready");
  const canStart = file !== null && canEdit && !upload.busy && !nameProblem && !roleProblem;
  const sending = upload.busy && "name" in state ? state.name : null;
  const rowsRead =
    sending === null
      ? null
      : (list.data?.profiles.find((p) => p.status === "uploading" && p.name === sending)?.rows ?? null);

  function start() {
    if (!file || !canStart) return;
    upload.start({ file, name, format, activate, ...roles });
  }

  return (
    <div className="space-y-3" data-testid="reference-upload">
      <FileDrop
        disabled={upload.busy || !canEdit}
        onFile={choose}
        choose="Choose a dataset"
        hint="CSV with a header row, or JSON lines; streamed (1 GiB at most by default)"
        accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
        testId="reference"
        compact
      />
      {file && (
        <p className="break-all text-sm" data-testid="reference-file">
          <span className="font-mono font-medium">{file.name}</span>{" "}
          <span className="text-muted">· {formatBytes(file.size)}</span>
        </p>
      )}
      <fieldset disabled={!canEdit || upload.busy} className="min-w-0 space-y-3">
        <legend className="sr-only">Upload options</legend>
        <div className="space-y-1">
          <div className="flex flex-wrap items-center gap-2 text-sm">
            <label htmlFor={`${id}-format`} className="text-muted">
              Format
            </label>
            <select
              id={`${id}-format`}
              value={formatChoice}
              aria-describedby={detected ? `${id}-detected` : undefined}
              onChange={(e) => changeFormat(e.target.value as "auto" | ReferenceFormat)}
              className={control}
              data-testid="reference-format"
            >
              <option value="auto">
                {detected ? `Detected: ${REFERENCE_FORMAT_LABELS[detected.format]}` : "Detect from the file"}
              </option>
              <option value="csv">CSV (header row)</option>
              <option value="jsonl">JSON lines</option>
            </select>
          </div>
          {detected && (
            <p id={`${id}-detected`} className="text-xs text-muted" data-testid="reference-detected">
              {formatChoice === "auto" ? (
                <>
                  Read as <span className="font-medium text-fg">{REFERENCE_FORMAT_LABELS[format]}</span>:{" "}
                  {detected.reason}.
                </>
              ) : (
                <>
                  Detected {REFERENCE_FORMAT_LABELS[detected.format]} ({detected.reason}); reading as{" "}
                  <span className="font-medium text-fg">{REFERENCE_FORMAT_LABELS[format]}</span> as chosen.
                </>
              )}
            </p>
          )}
        </div>

        {sniff && (
          <p className="text-xs text-muted" data-testid="reference-columns-found">
            {sniff.ok ? (
              <>
                {format === "csv" ? "Header" : "First line"}: {columns.length} column
                {columns.length === 1 ? "" : "s"}
                {columns.length > 0 && (
                  <>
                    {" "}
                    (<span className="font-mono text-fg">{columns.slice(0, 8).join(", ")}</span>
                    {columns.length > 8 ? ", …" : ""})
                  </>
                )}
                . Every column without a role is a feature.
                {sniff.warning && <span className="mt-0.5 block text-warn">{sniff.warning}</span>}
              </>
            ) : (
              <span className="text-warn">
                Could not read the columns here ({sniff.reason}); the server will say what it finds.
              </span>
            )}
          </p>
        )}

        <div className="grid grid-cols-1 gap-2 sm:grid-cols-3">
          {(Object.keys(ROLE_LABELS) as Array<keyof ReferenceRoles>).map((k) => (
            <div key={k} className="flex min-w-0 flex-col gap-0.5">
              <label htmlFor={`${id}-${k}`} className="text-xs text-muted">
                {ROLE_LABELS[k]} <span className="sr-only">(optional)</span>
              </label>
              <select
                id={`${id}-${k}`}
                value={roles[k]}
                disabled={columns.length === 0}
                aria-invalid={roleProblem !== null && roles[k] !== "" ? true : undefined}
                aria-describedby={roleProblem ? `${id}-roles-error` : undefined}
                onChange={(e) => setRoles((r) => ({ ...r, [k]: e.target.value }))}
                className={`${control} w-full min-w-0`}
                data-testid={`reference-${k}`}
              >
                <option value="">None</option>
                {columns.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </select>
            </div>
          ))}
        </div>
        {roleProblem && (
          <p id={`${id}-roles-error`} role="alert" className="text-xs text-bad">
            {roleProblem}
          </p>
        )}

        <div className="flex flex-wrap items-end gap-x-4 gap-y-2">
          <div className="flex min-w-0 flex-col gap-0.5">
            <label htmlFor={`${id}-name`} className="text-xs text-muted">
              Dataset name
            </label>
            <input
              id={`${id}-name`}
              type="text"
              value={name}
              maxLength={200}
              onChange={(e) => setName(e.target.value)}
              aria-invalid={nameProblem ? true : undefined}
              aria-describedby={`${id}-name-hint`}
              className={`${control} w-64 max-w-full font-mono`}
              data-testid="reference-name"
            />
          </div>
          <label className="flex items-center gap-2 pb-1 text-sm">
            <input
              type="checkbox"
              checked={activate}
              onChange={(e) => setActivate(e.target.checked)}
              className="h-4 w-4 accent-accent"
              data-testid="reference-activate"
            />
            Make it the reference once uploaded
          </label>
        </div>
        <p
          id={`${id}-name-hint`}
          className={`text-xs ${nameProblem ? "text-bad" : "text-muted"}`}
          role={nameProblem ? "alert" : undefined}
        >
          {nameProblem ??
            (replaces
              ? `Replaces the dataset “${name}” once the upload succeeds.`
              : "Uploading a name again replaces that dataset, only once the new upload succeeds.")}
        </p>
      </fieldset>

      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          onClick={start}
          disabled={!canStart}
          className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
        >
          {upload.busy ? "Uploading…" : "Upload dataset"}
        </button>
        {!file && canEdit && <span className="text-xs text-muted">Choose a file first.</span>}
      </div>
      <ReferenceUploadProgress state={state} rowsRead={rowsRead} onCancel={upload.cancel} />
      <Outcome state={state} />
      <p role="status" aria-live="polite" className="sr-only">
        {announcement(state)}
      </p>
    </div>
  );
}
