"use client";
// A command to copy: monospace block with a copy button (Clipboard API, select-all fallback).
import { useRef, useState } from "react";
import { CheckIcon, CopyIcon } from "../icons";

export function CodeBlock({ code, label = "Copy" }: { code: string; label?: string }) {
  const pre = useRef<HTMLPreElement>(null);
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(code);
    } catch {
      const range = document.createRange();
      if (pre.current) range.selectNodeContents(pre.current);
      const sel = window.getSelection();
      sel?.removeAllRanges();
      sel?.addRange(range);
    }
    setCopied(true);
    setTimeout(() => setCopied(false), 1500);
  }

  return (
    <div className="relative min-w-0 rounded-md border border-border bg-surface-2">
      <pre ref={pre} className="overflow-x-auto p-3 pr-20 font-mono text-xs leading-relaxed text-fg">
        <code>{code}</code>
      </pre>
      <button
        type="button"
        onClick={copy}
        className="absolute top-2 right-2 inline-flex items-center gap-1 rounded border border-border bg-surface px-2 py-1 text-xs text-muted hover:text-fg"
      >
        {copied ? <CheckIcon /> : <CopyIcon />}
        <span aria-live="polite">{copied ? "Copied" : label}</span>
      </button>
    </div>
  );
}
