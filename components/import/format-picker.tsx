"use client";
// The format the file will be read as: detected from its name or first KB, or chosen here.
import { useId } from "react";
import { type DetectedFormat, FORMAT_LABELS, type ImportFormat } from "@/lib/import/ui";

export type FormatChoice = "auto" | ImportFormat;

export function FormatPicker({
  detected,
  choice,
  disabled,
  onChange,
}: {
  detected: DetectedFormat | null;
  choice: FormatChoice;
  disabled: boolean;
  onChange: (choice: FormatChoice) => void;
}) {
  const id = useId();
  return (
    <div className="space-y-1">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <label htmlFor={`${id}-format`} className="text-muted">
          Format
        </label>
        <select
          id={`${id}-format`}
          value={choice}
          disabled={disabled}
          aria-describedby={detected ? `${id}-detected` : undefined}
          onChange={(e) => onChange(e.target.value as FormatChoice)}
          className="rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg disabled:opacity-60"
          data-testid="import-format"
        >
          <option value="auto">
            {detected ? `Detected: ${FORMAT_LABELS[detected.format]}` : "Detect from the file"}
          </option>
          <option value="prometheus">{FORMAT_LABELS.prometheus} (timestamps in ms)</option>
          <option value="openmetrics">{FORMAT_LABELS.openmetrics} (timestamps in seconds)</option>
        </select>
      </div>
      {detected && (
        <p id={`${id}-detected`} className="text-xs text-muted" data-testid="import-detected">
          {choice === "auto" ? (
            <>
              Read as <span className="font-medium text-fg">{FORMAT_LABELS[detected.format]}</span>:{" "}
              {detected.reason}.
            </>
          ) : (
            <>
              Detected {FORMAT_LABELS[detected.format]} ({detected.reason}); reading as{" "}
              <span className="font-medium text-fg">{FORMAT_LABELS[choice]}</span> as chosen.
            </>
          )}
        </p>
      )}
    </div>
  );
}
