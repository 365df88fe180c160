"use client";
// Drop zone and file picker for a reference dataset, as the Import page's (components/import/file-drop.tsx,
// whose hint names the Prometheus formats): a real, focusable <input type=file> (Enter or Space opens the
// picker) whose label is the whole zone.
import { type DragEvent, useId, useState } from "react";

export function ReferenceFileDrop({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
  const id = useId();
  const [over, setOver] = useState(false);

  function onDragOver(e: DragEvent<HTMLLabelElement>) {
    if (disabled || !e.dataTransfer.types.includes("Files")) return;
    e.preventDefault();
    e.dataTransfer.dropEffect = "copy";
    setOver(true);
  }

  function onDrop(e: DragEvent<HTMLLabelElement>) {
    e.preventDefault();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file && !disabled) onFile(file);
  }

  return (
    <div>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,.jsonl,.ndjson,text/csv,application/x-ndjson"
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          // The same file chosen again (after fixing it) must fire a change too.
          e.target.value = "";
        }}
        className="peer sr-only"
        data-testid="reference-file-input"
      />
      <label
        htmlFor={`${id}-file`}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-over={over || undefined}
        className="flex cursor-pointer flex-col items-center gap-1.5 rounded-lg border-2 border-dashed border-border bg-surface-2/40 px-4 py-5 text-center text-sm hover:border-accent peer-disabled:cursor-not-allowed peer-disabled:opacity-60 peer-disabled:hover:border-border peer-focus-visible:border-accent peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent data-over:border-accent data-over:bg-accent/10"
        data-testid="reference-drop-zone"
      >
        <span>
          <span className="rounded-md border border-border bg-surface px-2.5 py-1 font-medium text-fg">
            Choose a dataset
          </span>{" "}
          <span className="text-muted">or drop it here</span>
        </span>
        <span className="text-xs text-muted">
          CSV with a header row, or JSON lines; streamed (1 GiB at most by default)
        </span>
      </label>
    </div>
  );
}
