"use client";
// One dashboard's embeds: what each shows, locks and lets change, who made it, and a revoke button (asks once
// more). A revoked embed stays listed: its links stop working at once.
import type { UseQueryResult } from "@tanstack/react-query";
import { useState } from "react";
import { formatDateTime } from "@/lib/charts/format";
import type { Panel } from "@/lib/dashboards/schema";
import { ConfirmButton } from "../experiments/form-fields";
import { Badge } from "../ui/badge";
import { type EmbedInfo, useRevokeEmbed } from "./use-embeds";

const lockedText = (locked: EmbedInfo["locked"]) =>
  Object.entries(locked)
    .map(([k, v]) => `${k}=${Array.isArray(v) ? v.join("|") : v}`)
    .join(", ") || "—";

export function EmbedsList({
  dashboard,
  panels,
  query,
}: {
  dashboard: string;
  panels: readonly Panel[];
  query: UseQueryResult<{ embeds: EmbedInfo[]; enabled: boolean }>;
}) {
  const revoke = useRevokeEmbed(dashboard);
  const [asking, setAsking] = useState<string | null>(null);
  const embeds = query.data?.embeds ?? [];
  const panelTitle = (id: string | null) =>
    id === null ? "whole dashboard" : panels.find((p) => p.id === id)?.title || id;

  return (
    <section aria-label="Embeds of this dashboard" data-testid="embeds-list">
      <h3 className="text-sm font-semibold">Embeds of this dashboard</h3>
      {query.error && (
        <p role="alert" className="text-sm text-bad">
          {query.error.message}
        </p>
      )}
      {revoke.error && (
        <p role="alert" className="text-sm text-bad">
          {revoke.error.message}
        </p>
      )}
      {embeds.length === 0 ? (
        <p className="mt-1 text-sm text-muted">None yet: create one above.</p>
      ) : (
        <div className="mt-1 overflow-x-auto">
          <table className="w-full text-sm">
            <thead>
              <tr className="border-b border-border text-left text-xs text-muted">
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Shows
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Locked
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Viewer may change
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  Created
                </th>
                <th scope="col" className="py-1.5 pr-3 font-medium">
                  <span className="sr-only">State</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {embeds.map((e) => (
                <tr
                  key={e.id}
                  className="border-b border-border/60 align-top"
                  data-testid={`embed-row-${e.id}`}
                >
                  <td className="py-1.5 pr-3">
                    {panelTitle(e.panel)}
                    <span className="block font-mono text-xs text-muted">{e.id}</span>
                  </td>
                  <td className="py-1.5 pr-3 font-mono text-xs break-all">{lockedText(e.locked)}</td>
                  <td className="py-1.5 pr-3 text-xs">{e.editable.join(", ") || "—"}</td>
                  <td className="py-1.5 pr-3 text-xs text-muted">
                    {formatDateTime(e.createdAt)}
                    {e.createdBy && ` by ${e.createdBy}`}
                  </td>
                  <td className="py-1.5 pr-3">
                    {e.revokedAt ? (
                      <Badge tone="muted" title={`revoked ${formatDateTime(e.revokedAt)}`}>
                        revoked
                      </Badge>
                    ) : (
                      <ConfirmButton
                        label="Revoke"
                        question="Stop every link of this embed now?"
                        confirmLabel="Revoke"
                        danger
                        busy={revoke.isPending}
                        open={asking === e.id}
                        onOpenChange={(open) => setAsking(open ? e.id : null)}
                        onConfirm={() => revoke.mutate(e.id, { onSettled: () => setAsking(null) })}
                        testId={`revoke-${e.id}`}
                      />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
