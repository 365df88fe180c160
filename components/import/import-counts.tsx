// The server's counts for one import: lines read, samples parsed, stored, duplicates, rejected.
import { formatInteger } from "@/lib/charts/format";
import type { ImportResult } from "@/lib/import/ui";

const COUNTS: Array<{ key: keyof Omit<ImportResult, "format" | "errors">; label: string; hint: string }> = [
  { key: "lines", label: "Lines", hint: "lines read, comments included" },
  { key: "samples", label: "Samples", hint: "sample lines that parsed" },
  { key: "stored", label: "Stored", hint: "new samples written" },
  { key: "duplicates", label: "Duplicates", hint: "identical to a sample already stored; skipped" },
  { key: "rejected", label: "Rejected", hint: "bad lines, and samples that conflict with a stored value" },
];

export function ImportCounts({ result }: { result: ImportResult }) {
  return (
    <dl className="grid grid-cols-2 gap-2 sm:grid-cols-5">
      {COUNTS.map((c) => (
        <div
          key={c.key}
          title={c.hint}
          className={`rounded-md border px-3 py-2 ${c.key === "rejected" && result.rejected > 0 ? "border-bad/40 bg-bad/10" : "border-border bg-surface-2/60"}`}
        >
          <dt className="text-xs text-muted">{c.label}</dt>
          <dd className="text-lg font-semibold tabular-nums" data-testid={`import-count-${c.key}`}>
            {formatInteger(result[c.key])}
          </dd>
        </div>
      ))}
    </dl>
  );
}
