"use client";
// Import a dashboard from a JSON file (an export of this or another Vigil): read in the browser, then sent to
// POST /api/v1/dashboards/import — keeping its uid, as a copy (a new uid, "(copy)" in the title), or over the
// dashboard that has its uid.
import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { primaryButton, secondaryButton } from "../experiments/form-fields";
import { ApiError } from "../hooks/fetch-json";
import { useImportDashboard } from "../hooks/use-dashboards";
import { Dialog } from "./dialog";

interface Loaded {
  name: string;
  file: Record<string, unknown>;
}

export function ImportDashboard() {
  const router = useRouter();
  const inputId = useId();
  const [open, setOpen] = useState(false);
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const importer = useImportDashboard();

  async function read(file: File | undefined) {
    setError(null);
    setConflict(false);
    setLoaded(null);
    if (!file) return;
    try {
      const parsed: unknown = JSON.parse(await file.text());
      if (!parsed || typeof parsed !== "object" || Array.isArray(parsed))
        throw new Error("the file is not a JSON object");
      setLoaded({ name: file.name, file: parsed as Record<string, unknown> });
    } catch (e) {
      setError(`${file.name}: ${(e as Error).message}`);
    }
  }

  function send(mode: "keep" | "copy" | "overwrite") {
    if (!loaded) return;
    const { uid: _uid, ...rest } = loaded.file;
    const file =
      mode === "copy"
        ? { ...rest, title: `${String(loaded.file.title ?? "Dashboard")} (copy)` }
        : loaded.file;
    importer.mutate(
      { file, overwrite: mode === "overwrite" },
      {
        onSuccess: (res) => router.push(`/dashboards/${encodeURIComponent(res.dashboard.uid)}`),
        onError: (e) => {
          setError(e.message);
          setConflict(e instanceof ApiError && e.status === 409);
        },
      },
    );
  }

  const close = () => {
    setOpen(false);
    setLoaded(null);
    setError(null);
    setConflict(false);
  };
  const title = loaded && typeof loaded.file.title === "string" ? loaded.file.title : null;
  const uid = loaded && typeof loaded.file.uid === "string" ? loaded.file.uid : null;

  return (
    <>
      <button
        type="button"
        className={secondaryButton}
        onClick={() => setOpen(true)}
        data-testid="import-dashboard"
      >
        Import JSON
      </button>
      <Dialog
        open={open}
        onClose={close}
        title="Import a dashboard"
        testId="import-dialog"
        footer={
          <>
            <button type="button" className={secondaryButton} onClick={close}>
              Cancel
            </button>
            {conflict && (
              <button
                type="button"
                className={secondaryButton}
                onClick={() => send("overwrite")}
                disabled={importer.isPending}
              >
                Replace the existing one
              </button>
            )}
            <button
              type="button"
              className={secondaryButton}
              onClick={() => send("copy")}
              disabled={!loaded || importer.isPending}
              data-testid="import-copy"
            >
              Import as a copy
            </button>
            <button
              type="button"
              className={primaryButton}
              onClick={() => send("keep")}
              disabled={!loaded || importer.isPending}
              data-testid="import-keep"
            >
              Import
            </button>
          </>
        }
      >
        <div className="space-y-3 text-sm">
          <p className="text-muted">
            A JSON file exported from a dashboard (Export JSON). <strong>Import</strong> keeps its uid, so
            links to it work here too; <strong>Import as a copy</strong> gives it a new one.
          </p>
          <label htmlFor={inputId} className="block text-xs font-medium text-muted">
            Dashboard JSON file
          </label>
          <input
            id={inputId}
            type="file"
            accept="application/json,.json"
            onChange={(e) => read(e.target.files?.[0])}
            data-testid="import-file"
          />
          {loaded && (
            <p data-testid="import-summary">
              {loaded.name}: <strong>{title ?? "no title"}</strong>
              {uid ? (
                <>
                  {" "}
                  (uid <code>{uid}</code>)
                </>
              ) : (
                " (no uid: a new one is made)"
              )}
            </p>
          )}
          {error && (
            <p role="alert" className="text-bad" data-testid="import-error">
              {error}
            </p>
          )}
        </div>
      </Dialog>
    </>
  );
}
