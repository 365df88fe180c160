// Small status label. Tones are semantic (good/warn/bad/info/muted), never series colours.
import type { ReactNode } from "react";

export type Tone = "good" | "warn" | "bad" | "info" | "muted" | "neutral";

const TONES: Record<Tone, string> = {
  good: "border-good/40 bg-good/10 text-good",
  warn: "border-warn/40 bg-warn/10 text-warn",
  bad: "border-bad/40 bg-bad/10 text-bad",
  info: "border-info/40 bg-info/10 text-info",
  muted: "border-border bg-surface-2 text-muted",
  neutral: "border-border bg-surface text-fg",
};

export function Badge({
  tone = "neutral",
  title,
  children,
}: {
  tone?: Tone;
  title?: string;
  children: ReactNode;
}) {
  return (
    <span
      title={title}
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
