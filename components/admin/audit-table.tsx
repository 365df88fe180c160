// One page of audit events: when, who (with how they acted), what, to which target, and the details on demand.
import { formatDateTime } from "@/lib/charts/format";
import { Badge } from "../ui/badge";
import type { AuditRow } from "./admin-types";

const ACTOR_KIND: Record<AuditRow["actorKind"], string> = {
  user: "user",
  apiKey: "API key",
  cli: "CLI",
  system: "Vigil",
};

export function AuditTable({ events }: { events: AuditRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" aria-label="Audit events">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">
              Time
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Actor
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Action
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Target
            </th>
            <th scope="col" className="py-2 font-medium">
              What happened
            </th>
          </tr>
        </thead>
        <tbody>
          {events.map((e) => (
            <tr key={e.id} className="border-b border-border align-top" data-testid="audit-row">
              <td className="whitespace-nowrap py-2 pr-3 text-muted">{formatDateTime(e.at)}</td>
              <td className="py-2 pr-3">
                <span className="font-medium">{e.actorName ?? ACTOR_KIND[e.actorKind]}</span>{" "}
                <span className="text-xs text-muted">({ACTOR_KIND[e.actorKind]})</span>
              </td>
              <td className="py-2 pr-3">
                <Badge tone="neutral">{e.action}</Badge>
              </td>
              <td className="py-2 pr-3 text-muted">
                {e.targetType}
                {e.targetId ? ` ${e.targetId}` : ""}
              </td>
              <td className="py-2">
                {e.summary}
                {e.details !== null && e.details !== undefined && (
                  <details className="mt-1 text-xs text-muted">
                    <summary className="cursor-pointer">Details</summary>
                    <pre className="mt-1 max-w-xl overflow-x-auto rounded bg-surface-2 p-2 font-mono">
                      {JSON.stringify(e.details, null, 2)}
                    </pre>
                  </details>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
