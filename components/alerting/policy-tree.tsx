"use client";
// The notification policy tree, readable: each route's matchers, receiver, group_by, timers and continue,
// with inherited values marked as such; routes a test matched are highlighted.
import type { RouteBody } from "@/lib/alerts/api-schemas";
import type { Route } from "@/lib/alerts/routing";
import { formatDuration } from "@/lib/charts/format";
import { Badge } from "../ui/badge";

function Setting({ name, value, inherited }: { name: string; value: string; inherited: boolean }) {
  return (
    <span className="whitespace-nowrap text-xs">
      <span className="text-muted">{name} </span>
      <span
        className={inherited ? "text-muted italic" : "font-medium"}
        title={inherited ? "inherited" : undefined}
      >
        {value}
      </span>
    </span>
  );
}

function Node({ route, body, hits }: { route: Route; body: RouteBody; hits: ReadonlySet<string> }) {
  const hit = hits.has(route.id);
  return (
    <li className="min-w-0">
      <div
        className={`min-w-0 space-y-1 rounded-md border px-3 py-2 ${hit ? "border-accent bg-accent/10" : "border-border bg-surface"}`}
        data-testid="policy-node"
        data-hit={hit || undefined}
      >
        <div className="flex flex-wrap items-center gap-2">
          {route.id === "0" ? (
            <span className="text-sm font-semibold">Default policy (every alert)</span>
          ) : route.matchers.length === 0 ? (
            <span className="text-sm text-muted">matches every alert</span>
          ) : (
            <ul className="flex min-w-0 flex-wrap gap-1" aria-label="Matchers">
              {(body.matchers ?? []).map((m) => (
                <li
                  key={m}
                  className="break-all rounded border border-border bg-surface-2 px-1.5 py-0.5 font-mono text-[11px]"
                >
                  {m}
                </li>
              ))}
            </ul>
          )}
          <span className="text-sm">→</span>
          <Badge tone="info">{route.receiver}</Badge>
          {route.continue && <Badge tone="warn">continue</Badge>}
          {hit && <Badge tone="good">takes the test alert</Badge>}
        </div>
        <div className="flex flex-wrap gap-x-3 gap-y-0.5">
          <Setting
            name="group by"
            value={
              route.groupBy === null
                ? "every label"
                : route.groupBy.length
                  ? route.groupBy.join(", ")
                  : "nothing (one group)"
            }
            inherited={body.group_by === undefined}
          />
          <Setting
            name="wait"
            value={formatDuration(route.groupWaitMs / 1000)}
            inherited={body.group_wait === undefined}
          />
          <Setting
            name="interval"
            value={formatDuration(route.groupIntervalMs / 1000)}
            inherited={body.group_interval === undefined}
          />
          <Setting
            name="repeat"
            value={formatDuration(route.repeatIntervalMs / 1000)}
            inherited={body.repeat_interval === undefined}
          />
          {route.muteTimeIntervals.length > 0 && (
            <Setting name="muted during" value={route.muteTimeIntervals.join(", ")} inherited={false} />
          )}
          {route.activeTimeIntervals.length > 0 && (
            <Setting name="active during" value={route.activeTimeIntervals.join(", ")} inherited={false} />
          )}
        </div>
      </div>
      {route.routes.length > 0 && (
        <ol className="mt-1 ml-3 space-y-1 border-l border-border pl-3">
          {route.routes.map((child, i) => (
            <Node key={child.id} route={child} body={body.routes?.[i] ?? {}} hits={hits} />
          ))}
        </ol>
      )}
    </li>
  );
}

export function PolicyTree({
  route,
  body,
  hits,
}: {
  route: Route;
  body: RouteBody;
  hits: ReadonlySet<string>;
}) {
  return (
    <ol className="space-y-1" aria-label="Notification policy tree" data-testid="policy-tree">
      <Node route={route} body={body} hits={hits} />
    </ol>
  );
}
