// The answer to an import: a one-line verdict, the counts, a link to the data in Explore, and the rejected
// lines. A failure (nothing stored, a refusal) is an alert with the server's reason.
import Link from "next/link";
import { formatInteger } from "@/lib/charts/format";
import { exploreHref, FORMAT_LABELS, type ImportOutcome, type SampleSpan } from "@/lib/import/ui";
import { AlertIcon, CheckIcon } from "../icons";
import { ImportCounts } from "./import-counts";
import { ImportErrors } from "./import-errors";

function plural(n: number, one: string, many: string): string {
  return `${formatInteger(n)} ${n === 1 ? one : many}`;
}

function verdict(outcome: Extract<ImportOutcome, { kind: "done" }>): string {
  const r = outcome.result;
  const kept = `${plural(r.stored, "sample", "samples")} stored${r.duplicates > 0 ? `, ${plural(r.duplicates, "duplicate", "duplicates")} skipped` : ""}`;
  return r.rejected > 0
    ? `Imported with problems: ${kept}, ${plural(r.rejected, "line", "lines")} rejected.`
    : `Imported: ${kept}.`;
}

export function ImportOutcomeView({
  outcome,
  fileName,
  span,
}: {
  outcome: ImportOutcome;
  fileName: string;
  span: SampleSpan | null;
}) {
  const result = outcome.result;
  const stored = result ? result.stored + result.duplicates : 0;
  return (
    <section aria-label="Import result" className="space-y-3" data-testid="import-result">
      {outcome.kind === "done" ? (
        <p
          className={`flex items-start gap-2 rounded-md border px-3 py-2 text-sm font-medium ${outcome.result.rejected > 0 ? "border-warn/40 bg-warn/10" : "border-good/40 bg-good/10"}`}
          data-testid="import-verdict"
        >
          {outcome.result.rejected > 0 ? (
            <AlertIcon className="mt-0.5 shrink-0 text-warn" />
          ) : (
            <CheckIcon className="mt-0.5 shrink-0 text-good" />
          )}
          <span>
            {verdict(outcome)}{" "}
            <span className="font-normal text-muted">
              {fileName} read as {FORMAT_LABELS[outcome.result.format]}.
            </span>
          </span>
        </p>
      ) : (
        <div
          role="alert"
          className="rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm"
          data-testid="import-error"
        >
          <p className="flex items-start gap-2 font-medium text-bad">
            <AlertIcon className="mt-0.5 shrink-0" />
            {outcome.title}
          </p>
          <p className="mt-1 break-words pl-6 text-fg">{outcome.message}</p>
        </div>
      )}
      {result && <ImportCounts result={result} />}
      {span && stored > 0 && (
        <p className="text-sm">
          <Link
            href={exploreHref(span.name, span.fromMs, span.toMs)}
            className="font-medium text-accent hover:underline"
            data-testid="import-explore-link"
          >
            Open <span className="font-mono">{span.name}</span> in Explore
          </Link>
          <span className="text-muted">
            {span.fromMs !== null ? " — graphed over the file's time span" : ""}
          </span>
        </p>
      )}
      {result && <ImportErrors errors={result.errors} rejected={result.rejected} />}
    </section>
  );
}
