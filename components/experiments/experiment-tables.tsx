"use client";
import { metricLabel } from "@/lib/charts/experiment-format";
// The variant table (variant, version, weight, units, share, each metric's value with its interval) and the
// guardrail status list. Rows come from lib/charts/experiment-results.
import type { GuardrailRow, VariantRow } from "@/lib/charts/experiment-results";
import { Badge } from "../ui/badge";

export function VariantTable({ rows, metrics }: { rows: VariantRow[]; metrics: string[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm" data-testid="experiment-variants-table">
        <thead className="border-b border-border text-left text-xs text-muted">
          <tr>
            <th scope="col" className="px-2 py-2 font-medium">
              Variant
            </th>
            <th scope="col" className="px-2 py-2 font-medium">
              Version
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Weight
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Units
            </th>
            <th scope="col" className="px-2 py-2 text-right font-medium">
              Share
            </th>
            {metrics.map((m) => (
              <th key={m} scope="col" className="px-2 py-2 text-right font-medium">
                {metricLabel(m)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={r.key}
              className="border-b border-border last:border-0"
              data-testid="experiment-variant-row"
            >
              <th scope="row" className="px-2 py-2 text-left font-medium whitespace-nowrap">
                <span
                  aria-hidden="true"
                  className="mr-1.5 inline-block h-2.5 w-2.5 rounded-full align-middle"
                  style={{ background: r.color }}
                />
                {r.key}
                {r.isControl && (
                  <span className="ml-1.5">
                    <Badge tone="muted">control</Badge>
                  </span>
                )}
              </th>
              <td className="px-2 py-2 font-mono text-xs">{r.version}</td>
              <td className="px-2 py-2 text-right tabular-nums">{r.weight}</td>
              <td className="px-2 py-2 text-right tabular-nums">{r.units}</td>
              <td className="px-2 py-2 text-right tabular-nums">{r.share}</td>
              {r.cells.map((c) => (
                <td
                  key={c.metric}
                  className="px-2 py-2 text-right font-mono text-xs whitespace-nowrap tabular-nums"
                  title={c.n === null ? undefined : `${c.n} units with a value`}
                >
                  {c.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function GuardrailList({ rows }: { rows: GuardrailRow[] }) {
  return (
    <ul className="divide-y divide-border" data-testid="experiment-guardrails">
      {rows.map((g) => (
        <li
          key={`${g.variant}-${g.guardrail}`}
          className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm"
        >
          <div className="min-w-0">
            <p className="font-medium">
              {g.guardrail} <span className="font-normal text-muted">· {g.variant} vs control</span>
            </p>
            <p className="text-xs text-muted">{g.detail}</p>
          </div>
          <div className="flex items-center gap-3 text-xs tabular-nums">
            <span>
              {g.value} <span className="text-muted">vs {g.control}</span>
            </span>
            {g.pValue !== "—" && <span className="text-muted">p {g.pValue}</span>}
            <Badge tone={g.regressed ? "bad" : "good"}>{g.regressed ? "regressed" : "ok"}</Badge>
          </div>
        </li>
      ))}
    </ul>
  );
}
