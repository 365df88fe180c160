"use client";
// One rule group on the rules list: its header (interval, data source, paused) and a table of its rules with
// state, counts, last evaluation, duration and health. Narrow screens scroll the table in its own box.
import Link from "next/link";
import type { RuleGroupInfo, RuleInfo } from "@/lib/alerts/api-schemas";
import { formatMs } from "@/lib/charts/alert-format";
import { ruleHref, ruleLiveState } from "@/lib/charts/alert-rules";
import { Badge } from "../ui/badge";
import { SeverityBadge, StateBadge, When } from "./alerting-bits";

function Health({ rule }: { rule: RuleInfo }) {
  if (rule.status.health === "err")
    return (
      <span
        className="block max-w-xs break-words text-xs text-bad"
        title={rule.status.lastError ?? undefined}
      >
        {rule.status.lastError ?? "error"}
      </span>
    );
  return <Badge tone={rule.status.health === "ok" ? "good" : "muted"}>{rule.status.health}</Badge>;
}

export function RuleGroupTable({
  group,
  rules,
  now,
}: {
  group: RuleGroupInfo;
  rules: RuleInfo[];
  now: number;
}) {
  return (
    <section
      aria-label={`Rule group ${group.name}`}
      className="min-w-0 rounded-lg border border-border bg-surface"
      data-testid="rule-group"
    >
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-border px-3 py-2">
        <Link href={`/alerting/rules/${group.id}`} className="font-semibold text-accent hover:underline">
          {group.name}
        </Link>
        <span className="text-xs text-muted">
          every {group.interval} · {group.datasource ? `data source ${group.datasource}` : "Vigil's series"}
        </span>
        {group.paused && <Badge tone="muted">paused</Badge>}
      </header>
      {rules.length === 0 ? (
        <p className="px-3 py-3 text-sm text-muted">
          No rules in this group yet.{" "}
          <Link className="text-accent hover:underline" href={`/alerting/rules/${group.id}`}>
            Add one
          </Link>
          .
        </p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full min-w-[720px] table-fixed text-sm">
            <colgroup>
              <col className="w-[46%]" />
              <col className="w-[20%]" />
              <col className="w-[18%]" />
              <col className="w-[16%]" />
            </colgroup>
            <thead className="text-left text-xs text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Rule
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  State
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Last evaluation
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Health
                </th>
              </tr>
            </thead>
            <tbody>
              {rules.map((r) => {
                const state = ruleLiveState(r);
                return (
                  <tr
                    key={r.name}
                    className="border-t border-border hover:bg-surface-2/60"
                    data-testid="rule-row"
                  >
                    <td className="px-3 py-2 align-top">
                      <div className="flex flex-wrap items-center gap-2">
                        <Link
                          href={ruleHref(group.id, r.name)}
                          className="font-medium text-accent hover:underline"
                        >
                          {r.name}
                        </Link>
                        <SeverityBadge severity={r.labels?.severity} />
                      </div>
                      <code className="mt-0.5 line-clamp-2 break-all font-mono text-xs text-muted">
                        {r.expr}
                      </code>
                    </td>
                    <td className="px-3 py-2 align-top">
                      <div className="flex flex-wrap items-center gap-1" data-testid="rule-state">
                        <StateBadge state={state} />
                        {r.kind === "alert" && (r.status.firing > 0 || r.status.pending > 0) && (
                          <span className="text-xs text-muted tabular-nums">
                            {r.status.firing} firing · {r.status.pending} pending
                          </span>
                        )}
                      </div>
                    </td>
                    <td className="px-3 py-2 align-top whitespace-nowrap text-xs">
                      <When iso={r.status.lastEvalAt} now={now} none="not yet" />
                      <span className="text-muted"> · {formatMs(r.status.lastDurationMs)}</span>
                    </td>
                    <td className="px-3 py-2 align-top">
                      <Health rule={r} />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
