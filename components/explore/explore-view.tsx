"use client";
// Explore page: PromQL editor, mode and range controls, then the table or graph of the last run.
// Query, mode, range and time live in the URL; a run resolves "now" when it is started.
import dynamic from "next/dynamic";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { errorSpot } from "@/lib/charts/prom-error";
import {
  type ExploreState,
  exploreSearch,
  parseExplore,
  type ResolvedRun,
  resolveRun,
} from "@/lib/charts/prom-url";
import { usePromHistory } from "../hooks/use-prom-history";
import { usePromQuery } from "../hooks/use-prom-query";
import { Panel } from "../ui/panel";
import { Skeleton } from "../ui/skeleton";
import { ExploreControls } from "./explore-controls";
import { ExploreEmpty } from "./explore-empty";
import { ExploreResults } from "./explore-results";
import { QueryError } from "./query-error";
import { QueryHistory } from "./query-history";

const PromQLEditor = dynamic(() => import("./promql-editor").then((m) => m.PromQLEditor), {
  ssr: false,
  loading: () => <Skeleton className="h-10 min-w-0 flex-1" />,
});

export function ExploreView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const search = params.toString();
  const state = useMemo(() => parseExplore(new URLSearchParams(search)), [search]);
  const [draft, setDraft] = useState(state.q);
  // The URL's query changed from outside (back/forward, a pasted link): the editor follows.
  const [syncedQ, setSyncedQ] = useState(state.q);
  if (syncedQ !== state.q) {
    setSyncedQ(state.q);
    setDraft(state.q);
  }

  // When the run for the current URL was started (resolves "now"); a new stamp = a new request.
  const [stamp, setStamp] = useState(() => ({ search, at: Date.now() }));
  useEffect(() => {
    if (stamp.search !== search) setStamp({ search, at: Date.now() });
  }, [search, stamp.search]);
  const lastRun = useRef<ResolvedRun | null>(null);
  const run = useMemo(() => {
    if (!state.q.trim()) return null;
    if (stamp.search !== search) return lastRun.current; // between a navigation and its new stamp
    return resolveRun(state, stamp.at);
  }, [state, search, stamp]);
  lastRun.current = run;

  // What the last navigation asked for, until the URL catches up: quick successive changes (run, then
  // switch to graph) build on each other instead of on the URL of a moment ago.
  const pending = useRef<ExploreState | null>(null);
  if (pending.current && exploreSearch(pending.current) === search) pending.current = null;
  const current = pending.current ?? state;

  const result = usePromQuery(run);
  const { history, add, clear } = usePromHistory();

  const navigate = useCallback(
    (next: ExploreState) => {
      const nextSearch = exploreSearch(next);
      pending.current = nextSearch === search ? null : next;
      setStamp({ search: nextSearch, at: Date.now() });
      if (nextSearch !== search) router.push(`${pathname}?${nextSearch}`, { scroll: false });
    },
    [pathname, router, search],
  );

  const runQuery = useCallback(
    (q: string) => {
      const query = q.trim();
      setDraft(q);
      if (query) add(query);
      navigate({ ...(pending.current ?? state), q: query });
    },
    [add, navigate, state],
  );

  const error = run && result.error && !result.isFetching ? result.error : null;
  const spot = useMemo(() => (error && run ? errorSpot(error.message, run.query) : null), [error, run]);
  const data = result.data && run && result.data.run.query === run.query ? result.data : undefined;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold tracking-tight">Explore</h1>
        <p className="text-xs text-muted">
          PromQL over Vigil&apos;s series · <kbd className="font-mono">Enter</kbd> runs,{" "}
          <kbd className="font-mono">Shift+Enter</kbd> adds a line
        </p>
      </div>
      <Panel title="Query" className="space-y-0">
        <div className="flex flex-col gap-3">
          <div className="flex items-start gap-2">
            <PromQLEditor
              value={draft}
              onChange={setDraft}
              onRun={runQuery}
              errorSpot={spot && draft === run?.query ? spot : null}
              autoFocus={!state.q}
            />
            <button
              type="button"
              onClick={() => runQuery(draft)}
              disabled={!draft.trim()}
              className="h-10 shrink-0 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
            >
              Run
            </button>
          </div>
          {error && run && <QueryError message={error.message} query={run.query} spot={spot} />}
          <ExploreControls
            state={current}
            onChange={(patch) => navigate({ ...(pending.current ?? state), ...patch })}
          />
          <QueryHistory history={history} onPick={runQuery} onClear={clear} defaultOpen={!state.q} />
        </div>
      </Panel>
      {!state.q ? (
        <ExploreEmpty onPick={runQuery} />
      ) : (
        !error && (
          <Panel title={state.mode === "graph" ? "Graph" : "Table"} testId="explore-result">
            <ExploreResults
              result={data}
              loading={!data && result.isFetching}
              fetching={result.isFetching}
              mode={state.mode}
              stacked={state.stacked}
            />
          </Panel>
        )
      )}
    </div>
  );
}
