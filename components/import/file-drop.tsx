"use client";
// Drop zone and file picker in one: a real <input type=file> (visually hidden, focusable; Enter or Space opens
// the browser's picker) whose label is the whole zone, so a click anywhere in it opens the picker too.
import { type DragEvent, useId, useState } from "react";

function UploadIcon() {
  return (
    <svg
      viewBox="0 0 24 24"
      width={24}
      height={24}
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
    >
      <path d="M21 15v4a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-4M17 8l-5-5-5 5M12 3v12" />
    </svg>
  );
}

export function FileDrop({ disabled, onFile }: { disabled: boolean; onFile: (file: File) => void }) {
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
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
        }}
        className="peer sr-only"
        data-testid="import-file-input"
      />
      <label
        htmlFor={`${id}-file`}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-over={over || undefined}
        className="flex cursor-pointer flex-col items-center gap-2 rounded-lg border-2 border-dashed border-border bg-surface-2/40 px-4 py-8 text-center text-sm hover:border-accent peer-disabled:cursor-not-allowed peer-disabled:opacity-60 peer-disabled:hover:border-border peer-focus-visible:border-accent peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent data-over:border-accent data-over:bg-accent/10"
        data-testid="import-drop-zone"
      >
        <span className="text-muted">
          <UploadIcon />
        </span>
        <span>
          <span className="rounded-md border border-border bg-surface px-2.5 py-1 font-medium text-fg">
            Choose a file
          </span>{" "}
          <span className="text-muted">or drop it here</span>
        </span>
        <span className="text-xs text-muted">Prometheus text or OpenMetrics, any size</span>
      </label>
    </div>
  );
}
