"use client";
// Import page: choose or drop a file, check the format, upload it with progress, then see what was stored and
// which lines were rejected.
import { useMemo, useRef, useState } from "react";
import { type FileSniff, formatBytes, type ImportFormat, sampleSpan, sniffFile } from "@/lib/import/ui";
import { FileDrop } from "../ui/file-drop";
import { Panel } from "../ui/panel";
import { AdminNotice } from "./admin-notice";
import { FormatHelp } from "./format-help";
import { type FormatChoice, FormatPicker } from "./format-picker";
import { ImportOutcomeView } from "./import-outcome";
import { UploadProgress } from "./upload-progress";
import { type UploadState, useUpload } from "./use-upload";

function announcement(state: UploadState, fileName: string): string {
  switch (state.phase) {
    case "uploading":
      return `Uploading ${fileName}…`;
    case "processing":
      return "Upload complete. Processing…";
    case "finished":
      return state.outcome.kind === "done" ? "Import finished." : `Import failed: ${state.outcome.title}.`;
    case "cancelled":
      return "Import cancelled.";
    default:
      return "";
  }
}

export function ImportView({ username, role }: { username: string; role: string }) {
  const canImport = role === "admin";
  const [file, setFile] = useState<File | null>(null);
  const [sniff, setSniff] = useState<FileSniff | null>(null);
  const [choice, setChoice] = useState<FormatChoice>("auto");
  // The file the last upload sent, with what was sniffed from it (the result describes that one).
  const [sent, setSent] = useState<{ name: string; sniff: FileSniff | null } | null>(null);
  const upload = useUpload(role);
  const picked = useRef(0);

  const format: ImportFormat = choice === "auto" ? (sniff?.detected.format ?? "prometheus") : choice;
  const { state } = upload;

  async function choose(next: File) {
    const token = ++picked.current;
    setFile(next);
    setSniff(null);
    setChoice("auto");
    upload.reset();
    const read = await sniffFile(next).catch(() => null);
    if (token === picked.current) setSniff(read);
  }

  function start() {
    if (!file) return;
    setSent({ name: file.name, sniff });
    upload.start(file, format);
  }

  const span = useMemo(() => {
    if (state.phase !== "finished" || !sent?.sniff) return null;
    const used = state.outcome.result?.format ?? format;
    return sampleSpan(sent.sniff, used);
  }, [state, sent, format]);

  return (
    <div className="space-y-4">
      <div>
        <h1 className="text-xl font-semibold tracking-tight">Import</h1>
        <p className="text-sm text-muted">
          Backfill samples from a Prometheus text-format or OpenMetrics file; they become series you can query
          in Explore.
        </p>
      </div>
      <div className="grid gap-4 lg:grid-cols-3">
        <div className="min-w-0 space-y-4 lg:col-span-2">
          {!canImport && <AdminNotice username={username} role={role} />}
          <Panel title="File">
            <div className="space-y-4">
              <FileDrop
                disabled={upload.busy}
                onFile={choose}
                choose="Choose a file"
                hint="Prometheus text or OpenMetrics, any size"
                testId="import"
              />
              {file && (
                <p className="break-all text-sm" data-testid="import-file">
                  <span className="font-mono font-medium">{file.name}</span>{" "}
                  <span className="text-muted">· {formatBytes(file.size)}</span>
                </p>
              )}
              <FormatPicker
                detected={sniff?.detected ?? null}
                choice={choice}
                disabled={upload.busy}
                onChange={setChoice}
              />
              <div className="flex flex-wrap items-center gap-3">
                <button
                  type="button"
                  onClick={start}
                  disabled={!file || !canImport || upload.busy}
                  className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
                >
                  {upload.busy ? "Importing…" : "Import"}
                </button>
                {!file && <span className="text-xs text-muted">Choose a file first.</span>}
              </div>
              <UploadProgress state={state} onCancel={upload.cancel} />
              {state.phase === "cancelled" && (
                <p
                  className="rounded-md border border-border bg-surface-2 px-3 py-2 text-sm"
                  data-testid="import-cancelled"
                >
                  Cancelled after sending {formatBytes(state.loaded)} of {formatBytes(state.total)}. Samples
                  the server had already received may be stored; importing the file again is safe, as
                  identical samples are skipped.
                </p>
              )}
              <p role="status" aria-live="polite" className="sr-only">
                {announcement(state, sent?.name ?? "")}
              </p>
            </div>
          </Panel>
          {state.phase === "finished" && (
            <Panel title="Result">
              <ImportOutcomeView outcome={state.outcome} fileName={sent?.name ?? ""} span={span} />
            </Panel>
          )}
        </div>
        <div className="min-w-0">
          <FormatHelp />
        </div>
      </div>
    </div>
  );
}
