// Drift summary: the verdict first (dataset drift or not, how many features), then since when, the reference
// and current windows, and how the numbers were computed.
import type { ReactNode } from "react";
import {
  type DriftCounts,
  type DriftResponse,
  formatWindow,
  methodLabel,
  REFERENCE_SOURCE_LABELS,
  type SinceWhen,
} from "@/lib/charts/drift";
import { formatDateTime, formatDuration, formatInteger, formatPercent } from "@/lib/charts/format";
import { Badge } from "../ui/badge";
import { Skeleton } from "../ui/skeleton";

const TONE = {
  bad: "border-bad/40 bg-bad/10",
  good: "border-good/40 bg-good/10",
  info: "border-info/40 bg-info/10",
  muted: "border-border bg-surface-2",
} as const;

function Item({ term, children, testId }: { term: string; children: ReactNode; testId?: string }) {
  return (
    <div className="min-w-0" data-testid={testId}>
      <dt className="text-xs text-muted">{term}</dt>
      <dd className="mt-0.5 text-sm">{children}</dd>
    </div>
  );
}

function Since({ since, loading, scope }: { since: SinceWhen | null; loading: boolean; scope: string }) {
  if (loading && !since) return <Skeleton className="h-5 w-40" />;
  if (!since || since.state === "no-data")
    return <span className="text-muted">no hourly drift series in this range yet</span>;
  if (since.state === "not-drifting")
    return (
      <span>
        not drifting in the latest hour <span className="text-muted">({formatDateTime(since.latest)})</span>
      </span>
    );
  const hours = formatDuration(((since.latest - since.since) / 3_600_000 + 1) * 3600);
  return (
    <span>
      {since.open ? "at least since " : "since "}
      <time dateTime={new Date(since.since).toISOString()} className="font-medium">
        {formatDateTime(since.since)}
      </time>{" "}
      <span className="text-muted">
        ({hours}, {scope})
      </span>
    </span>
  );
}

/** The "Reference & settings" toggle on the reference line (aria-expanded; the section has `controls` as id). */
export function SettingsToggle({
  open,
  controls,
  onToggle,
}: {
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  return (
    <button
      type="button"
      aria-expanded={open}
      aria-controls={open ? controls : undefined}
      onClick={onToggle}
      className="mt-1 block text-xs font-medium text-accent hover:underline"
      data-drift-settings-toggle=""
    >
      {open ? "Hide reference & settings" : "Change reference & settings"}
    </button>
  );
}

export function DriftSummary({
  drift,
  counts,
  shareThreshold,
  since,
  sinceLoading,
  sinceScope,
  settings,
}: {
  drift: DriftResponse;
  counts: DriftCounts;
  shareThreshold: number;
  since: SinceWhen | null;
  sinceLoading: boolean;
  sinceScope: string;
  /** The reference line's toggle of the "Reference & settings" section. */
  settings?: { open: boolean; controls: string; onToggle: () => void };
}) {
  const ref = drift.reference;
  const features = `${counts.drifted} of ${counts.tested} feature${counts.tested === 1 ? "" : "s"}`;
  const [verdict, tone]: [string, keyof typeof TONE] = !ref
    ? ["No reference data yet — drift is measured once predictions arrive.", "info"]
    : counts.tested === 0
      ? ["No feature could be tested: the reference or the current range has no values.", "muted"]
      : drift.datasetDrift
        ? [`Dataset drift: ${features} drifted.`, "bad"]
        : [`No dataset drift: ${features} drifted.`, "good"];
  return (
    <section
      aria-label="Drift summary"
      className="rounded-lg border border-border bg-surface shadow-sm"
      data-testid="drift-summary"
    >
      <p
        className={`rounded-t-lg border-b px-3 py-3 text-base font-medium sm:px-4 ${TONE[tone]}`}
        data-testid="drift-verdict"
      >
        {verdict}
      </p>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-3 px-3 py-3 sm:grid-cols-2 sm:px-4 lg:grid-cols-3">
        <Item term="Drift share" testId="drift-share">
          <span className="font-medium tabular-nums">{features}</span>{" "}
          <span className="text-muted">
            ({formatPercent(drift.driftShare, 0)}; dataset drift at ≥ {formatPercent(shareThreshold, 0)})
          </span>
          {counts.total > counts.tested && (
            <span className="block text-xs text-muted">
              {counts.total - counts.tested} without values on one side, not counted
            </span>
          )}
        </Item>
        <Item term="Dataset drift" testId="dataset-drift">
          {drift.datasetDrift ? (
            <Badge tone="bad">
              <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-current" />
              yes
            </Badge>
          ) : (
            <Badge tone="good">
              <span aria-hidden="true" className="h-1.5 w-1.5 rounded-full bg-current" />
              no
            </Badge>
          )}
        </Item>
        <Item term="Drifting" testId="drift-since">
          <Since since={since} loading={sinceLoading} scope={sinceScope} />
        </Item>
        <Item term="Reference" testId="drift-reference">
          {ref ? (
            <>
              {ref.profile !== null ? (
                <span className="font-mono">{ref.profile}</span>
              ) : ref.from && ref.to ? (
                <span className="tabular-nums">{formatWindow(ref.from, ref.to)}</span>
              ) : (
                <span className="text-muted">—</span>
              )}{" "}
              <Badge tone="neutral">{REFERENCE_SOURCE_LABELS[ref.source]}</Badge>
              <span className="block text-xs text-muted">
                {formatInteger(ref.rows)} {ref.source === "profile" ? "rows" : "predictions"}
              </span>
            </>
          ) : (
            <span className="text-muted">none yet</span>
          )}
          {settings && <SettingsToggle {...settings} />}
        </Item>
        <Item term="Current" testId="drift-current">
          <span className="tabular-nums">{formatWindow(drift.current.from, drift.current.to)}</span>
          <span className="block text-xs text-muted">
            {formatInteger(drift.current.rows)} predictions · {drift.version ?? "all versions"}
          </span>
        </Item>
        <Item term="Method" testId="drift-method">
          {methodLabel(drift.method, drift.relativeAccuracy)}
          <span className="block text-xs text-muted">
            {drift.method === "exact" ? "on every prediction" : "from hourly sketches, ranges in whole hours"}
          </span>
        </Item>
      </dl>
    </section>
  );
}
