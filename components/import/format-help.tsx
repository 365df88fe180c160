// What the import accepts: one example line per format, the timestamp units, and the API for scripts.
import { Panel } from "../ui/panel";

const PROMETHEUS_EXAMPLE = 'http_requests_total{code="200"} 1027 1764410400000';
const OPENMETRICS_EXAMPLE = 'http_requests_total{code="200"} 1027 1764410400\n# EOF';

function Example({ code }: { code: string }) {
  return (
    <pre className="overflow-x-auto rounded-md border border-border bg-surface-2 p-2 font-mono text-xs leading-relaxed text-fg">
      <code>{code}</code>
    </pre>
  );
}

export function FormatHelp() {
  return (
    <Panel title="What to import" description="Backfill past samples from an exported file.">
      <div className="space-y-3 text-sm text-muted">
        <p>
          Every sample line needs a timestamp. Lines that fail are listed with their line number; the others
          are stored, and importing the same file again skips samples already stored.
        </p>
        <div className="space-y-1">
          <h3 className="font-medium text-fg">Prometheus text format</h3>
          <p className="text-xs">Timestamps in milliseconds.</p>
          <Example code={PROMETHEUS_EXAMPLE} />
        </div>
        <div className="space-y-1">
          <h3 className="font-medium text-fg">OpenMetrics</h3>
          <p className="text-xs">
            Timestamps in seconds; the file ends with <code className="font-mono">#&nbsp;EOF</code>. Files
            named <code className="font-mono">.om</code> or <code className="font-mono">.openmetrics</code>,
            or with a <code className="font-mono"># EOF</code> or <code className="font-mono"># UNIT</code>{" "}
            line near the top, are read as OpenMetrics.
          </p>
          <Example code={OPENMETRICS_EXAMPLE} />
        </div>
        <p className="text-xs">
          From a script, POST the file to <code className="font-mono">/api/v1/import/prometheus</code> with an
          API key that has the <code className="font-mono">ingest</code> scope.
        </p>
      </div>
    </Panel>
  );
}
