"use client";
// Import a Prometheus rule file (YAML groups): merge (same-named groups replaced, new ones added) or replace
// (groups missing from the file are deleted). All or nothing: the server's problems are listed verbatim with
// their line numbers and nothing changes.
import { useState } from "react";
import { secondaryButton } from "../experiments/form-fields";
import { ProblemsError } from "../hooks/use-alerting-request";
import { type ImportResult, useImportRules } from "../hooks/use-alerting-rules";
import { FileDrop } from "../ui/file-drop";
import { Panel } from "../ui/panel";

function Outcome({ result }: { result: ImportResult }) {
  const parts = [
    result.created.length > 0 && `created ${result.created.join(", ")}`,
    result.updated.length > 0 && `updated ${result.updated.join(", ")}`,
    result.deleted.length > 0 && `deleted ${result.deleted.join(", ")}`,
  ].filter(Boolean);
  return (
    <p role="status" className="text-sm text-good" data-testid="import-result">
      Imported ({result.mode}): {parts.length > 0 ? parts.join("; ") : "nothing changed"}.
    </p>
  );
}

export function RuleImport({ onClose }: { onClose: () => void }) {
  const [mode, setMode] = useState<"merge" | "replace">("merge");
  const [fileName, setFileName] = useState<string | null>(null);
  const importRules = useImportRules();
  const error = importRules.error;

  async function onFile(file: File) {
    setFileName(file.name);
    importRules.mutate({ yaml: await file.text(), mode });
  }

  return (
    <Panel
      title="Import a Prometheus rule file"
      description="The groups: format of rule_files (promtool check rules accepts it). Vigil's no_data and on_error fields are kept."
      actions={
        <button type="button" className={secondaryButton} onClick={onClose}>
          Close
        </button>
      }
      testId="rule-import"
    >
      <div className="space-y-3">
        <fieldset className="flex flex-wrap gap-4 text-sm">
          <legend className="sr-only">Import mode</legend>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="import-mode"
              checked={mode === "merge"}
              onChange={() => setMode("merge")}
            />
            Merge: replace groups of the same name, add new ones
          </label>
          <label className="flex items-center gap-2">
            <input
              type="radio"
              name="import-mode"
              checked={mode === "replace"}
              onChange={() => setMode("replace")}
            />
            Replace: also delete groups not in the file
          </label>
        </fieldset>
        <FileDrop
          disabled={importRules.isPending}
          onFile={onFile}
          choose="Choose a rule file"
          hint=".yml or .yaml, as Prometheus loads it"
          accept=".yml,.yaml,application/yaml,text/yaml"
          testId="rule-import"
          compact
        />
        {importRules.isPending && <p className="text-sm text-muted">Importing {fileName}…</p>}
        {importRules.data && <Outcome result={importRules.data} />}
        {error && (
          <div role="alert" className="space-y-1 text-sm" data-testid="import-problems">
            <p className="font-medium text-bad">
              {fileName ? `${fileName}: ` : ""}
              {error.message}. Nothing was changed.
            </p>
            {error instanceof ProblemsError && error.problems.length > 0 && (
              <ul className="space-y-0.5 font-mono text-xs">
                {error.problems.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: problems are a fixed list from one answer
                  <li key={i} className="break-words">
                    {p.line != null && <span className="text-muted">line {p.line}: </span>}
                    {p.path && <span className="text-muted">{p.path}: </span>}
                    {p.message}
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
      </div>
    </Panel>
  );
}
