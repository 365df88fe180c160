"use client";
// /alerting: the verdict (firing / failing / pending / all clear), then every rule grouped by rule group with
// its live state, last evaluation and health; filter by state and text; refreshed every 10 s.
import Link from "next/link";
import { useMemo, useState } from "react";
import {
  filterGroups,
  rulesVerdict,
  STATE_FILTERS,
  type StateFilter,
  summarizeRules,
} from "@/lib/charts/alert-rules";
import { controlBase, primaryButton } from "../experiments/form-fields";
import { useRuleGroups } from "../hooks/use-alerting-rules";
import { useNow } from "../hooks/use-now";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { PageHeading } from "./alerting-bits";
import { RuleGroupTable } from "./rule-group-table";
import { RuleImport } from "./rule-import";
import { RulesMenu } from "./rules-menu";

export function RulesView({ canEdit }: { canEdit: boolean }) {
  const list = useRuleGroups();
  const now = useNow(10_000);
  const [state, setState] = useState<StateFilter>("all");
  const [text, setText] = useState("");
  const [importing, setImporting] = useState(false);
  const groups = list.data?.groups;
  const sections = useMemo(() => (groups ? filterGroups(groups, state, text) : []), [groups, state, text]);
  const summary = useMemo(() => (groups ? summarizeRules(groups) : null), [groups]);
  const verdict = summary ? rulesVerdict(summary) : null;

  return (
    <div className="space-y-4">
      <PageHeading
        title="Alert rules"
        lead="PromQL conditions evaluated on a schedule; firing alerts are routed by the notification policy."
        actions={
          <RulesMenu canEdit={canEdit} onImport={() => setImporting((v) => !v)} importing={importing} />
        }
      />
      {importing && canEdit && <RuleImport onClose={() => setImporting(false)} />}
      {verdict && summary && summary.rules > 0 && (
        <div
          className="flex flex-wrap items-center gap-x-4 gap-y-2 rounded-lg border border-border bg-surface px-4 py-3"
          data-testid="rules-verdict"
        >
          <Badge tone={verdict.tone}>
            {verdict.tone === "good" ? "OK" : verdict.tone === "warn" ? "Pending" : "Alert"}
          </Badge>
          <p className="font-medium">{verdict.text}</p>
          <p className="text-xs text-muted">
            {summary.rules} rules in {summary.groups} groups · {summary.pendingAlerts} pending ·{" "}
            {summary.errors} failing · {summary.paused} paused groups · refreshed every 10 s
          </p>
        </div>
      )}
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="rule-filter">
          Filter rules
        </label>
        <input
          id="rule-filter"
          type="search"
          placeholder="Filter by name, expression or label"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={`${controlBase} flex-1 sm:max-w-xs`}
        />
        <fieldset className="flex flex-wrap gap-1">
          <legend className="sr-only">State</legend>
          {STATE_FILTERS.map((s) => (
            <button
              key={s}
              type="button"
              aria-pressed={state === s}
              onClick={() => setState(s)}
              className="rounded-md border border-border px-2 py-1 text-xs text-muted hover:text-fg aria-pressed:border-accent aria-pressed:bg-accent/10 aria-pressed:text-fg"
            >
              {s}
            </button>
          ))}
        </fieldset>
      </div>
      {list.isPending ? (
        <LoadingRegion label="Loading alert rules">
          <div className="space-y-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-16 w-full" />
            ))}
          </div>
        </LoadingRegion>
      ) : list.error && !groups ? (
        <EmptyState title="Could not load the alert rules">
          <p>{list.error.message}. The page retries every 10 seconds.</p>
        </EmptyState>
      ) : !groups || groups.length === 0 ? (
        <EmptyState title="No alert rules yet">
          <p>
            Start from a ready-made template (accuracy drop, drift, GPU saturation, no predictions…), write a
            PromQL rule from scratch, or import an existing Prometheus rule file.
          </p>
          {canEdit ? (
            <Link href="/alerting/rules/new?template=1" className={primaryButton}>
              Pick a template
            </Link>
          ) : (
            <p>Ask an admin to create rules.</p>
          )}
        </EmptyState>
      ) : sections.length === 0 ? (
        <EmptyState title="No rule matches the filter">
          <p>Clear the filter text or choose “all”.</p>
        </EmptyState>
      ) : (
        <div className="space-y-4">
          {sections.map((s) => (
            <RuleGroupTable key={s.group.id} group={s.group} rules={s.rules} now={now} />
          ))}
        </div>
      )}
    </div>
  );
}
