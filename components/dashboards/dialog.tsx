"use client";
// A modal on the native <dialog> (focus kept inside, Escape closes, the page behind inert): centred, or as a
// drawer from the right for the panel editor and settings.
import { type ReactNode, useEffect, useRef } from "react";

export function Dialog({
  open,
  onClose,
  title,
  children,
  footer,
  variant = "center",
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  children: ReactNode;
  footer?: ReactNode;
  variant?: "center" | "drawer";
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  const shape =
    variant === "drawer"
      ? "m-0 ml-auto h-dvh max-h-dvh w-full max-w-5xl rounded-none border-l"
      : "m-auto max-h-[85dvh] w-full max-w-2xl rounded-lg border";
  return (
    <dialog
      ref={ref}
      aria-label={title}
      data-testid={testId}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className={`${shape} border-border bg-surface p-0 text-fg shadow-xl backdrop:bg-black/40`}
    >
      {open && (
        <div className="flex h-full max-h-[inherit] flex-col">
          <div className="flex shrink-0 items-center justify-between gap-2 border-b border-border px-4 py-3">
            <h2 className="text-base font-semibold">{title}</h2>
            <button
              type="button"
              onClick={onClose}
              aria-label="Close"
              className="rounded px-2 py-1 text-muted hover:bg-surface-2 hover:text-fg"
            >
              ✕
            </button>
          </div>
          <div className="min-h-0 flex-1 overflow-y-auto px-4 py-3">{children}</div>
          {footer && (
            <div className="flex shrink-0 flex-wrap items-center justify-end gap-2 border-t border-border px-4 py-3">
              {footer}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
