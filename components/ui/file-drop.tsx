"use client";
// Drop zone and file picker in one: a real <input type=file> (visually hidden, focusable; Enter or Space opens
// the browser's picker) whose label is the whole zone, so a click anywhere in it opens the picker too. Used by
// the Import page and the drift reference upload.
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

export interface FileDropProps {
  disabled: boolean;
  onFile: (file: File) => void;
  /** The button-like text, e.g. "Choose a file". */
  choose: string;
  /** The line under it: what the zone takes. */
  hint: string;
  /** The input's accept attribute. */
  accept?: string;
  /** data-testid prefix: `<prefix>-file-input` and `<prefix>-drop-zone`. */
  testId: string;
  compact?: boolean;
}

export function FileDrop({ disabled, onFile, choose, hint, accept, testId, compact }: FileDropProps) {
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
        accept={accept}
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          // The same file chosen again (after fixing it) must fire a change too.
          e.target.value = "";
        }}
        className="peer sr-only"
        data-testid={`${testId}-file-input`}
      />
      <label
        htmlFor={`${id}-file`}
        onDragOver={onDragOver}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-over={over || undefined}
        className={`flex cursor-pointer flex-col items-center rounded-lg border-2 border-dashed border-border bg-surface-2/40 px-4 text-center text-sm hover:border-accent peer-disabled:cursor-not-allowed peer-disabled:opacity-60 peer-disabled:hover:border-border peer-focus-visible:border-accent peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-accent data-over:border-accent data-over:bg-accent/10 ${compact ? "gap-1.5 py-5" : "gap-2 py-8"}`}
        data-testid={`${testId}-drop-zone`}
      >
        {!compact && (
          <span className="text-muted">
            <UploadIcon />
          </span>
        )}
        <span>
          <span className="rounded-md border border-border bg-surface px-2.5 py-1 font-medium text-fg">
            {choose}
          </span>{" "}
          <span className="text-muted">or drop it here</span>
        </span>
        <span className="text-xs text-muted">{hint}</span>
      </label>
    </div>
  );
}
