// Small pieces shared by the alerting pages: the page heading, label chips, alert-state and severity
// badges, and a relative time with the full one on hover.
import type { ReactNode } from "react";
import { SEVERITY_TONE } from "@/lib/charts/alert-format";
import { RULE_STATE_TONE, type RuleLiveState } from "@/lib/charts/alert-rules";
import { formatDateTime, formatRelativeTime } from "@/lib/charts/format";
import { Badge } from "../ui/badge";

export function PageHeading({
  title,
  lead,
  actions,
}: {
  title: string;
  lead: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <div className="flex flex-wrap items-end justify-between gap-3">
      <div className="min-w-0">
        <h1 className="text-xl font-semibold tracking-tight">{title}</h1>
        <p className="text-sm text-muted">{lead}</p>
      </div>
      {actions && <div className="flex flex-wrap items-center gap-2">{actions}</div>}
    </div>
  );
}

export function StateBadge({ state }: { state: RuleLiveState | "pending" | "firing" }) {
  return <Badge tone={RULE_STATE_TONE[state]}>{state}</Badge>;
}

export function SeverityBadge({ severity }: { severity: string | undefined }) {
  if (!severity) return null;
  return <Badge tone={SEVERITY_TONE[severity] ?? "neutral"}>{severity}</Badge>;
}

/** Label pairs as chips; long values wrap rather than widen the page. */
export function LabelChips({
  labels,
  omit = [],
}: {
  labels: Readonly<Record<string, string>>;
  omit?: string[];
}) {
  const entries = Object.entries(labels)
    .filter(([k]) => !omit.includes(k))
    .sort(([a], [b]) => a.localeCompare(b));
  if (entries.length === 0) return <span className="text-xs text-muted">no labels</span>;
  return (
    <ul className="flex flex-wrap gap-1" aria-label="Labels">
      {entries.map(([k, v]) => (
        <li
          key={k}
          className="max-w-full break-all rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-[11px]"
        >
          <span className="text-muted">{k}=</span>
          {v}
        </li>
      ))}
    </ul>
  );
}

export function When({ iso, now, none = "never" }: { iso: string | null; now: number; none?: string }) {
  if (!iso) return <span className="text-muted">{none}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)}>
      {formatRelativeTime(iso, now)}
    </time>
  );
}

/** The server's words, verbatim, in a box that wraps (receivers' answers, evaluation errors). */
export function Verbatim({
  text,
  tone = "muted",
  testId,
}: {
  text: string;
  tone?: "muted" | "bad";
  testId?: string;
}) {
  return (
    <pre
      data-testid={testId}
      className={`max-h-48 overflow-auto whitespace-pre-wrap break-all rounded-md border px-2 py-1.5 font-mono text-xs ${
        tone === "bad" ? "border-bad/40 bg-bad/5 text-bad" : "border-border bg-surface-2 text-fg"
      }`}
    >
      {text}
    </pre>
  );
}
