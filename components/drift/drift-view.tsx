"use client";
// The Drift tab: the page's range and version → GET …/drift (per-column tests) and the hourly drift series
// (PromQL) → summary, sortable feature table with sparklines, prediction/score/label, and one column's detail
// (`&feature=` in the URL).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useCallback, useMemo, useState } from "react";
import {
  DEFAULT_DRIFT_SHARE,
  DEFAULT_SORT,
  type DriftSortKey,
  defaultSortDir,
  driftCounts,
  driftSelector,
  groupByFeature,
  lastOverTime,
  matrixPoints,
  nextSort,
  OUTPUT_SERIES,
  type OutputColumn,
  seriesWindow,
  sinceDrifting,
  sortColumns,
  tabSearch,
} from "@/lib/charts/drift";
import { formatDateTime } from "@/lib/charts/format";
import { asMatrix } from "@/lib/charts/prom-graph";
import type { ResolvedRange } from "@/lib/charts/range";
import { ApiError } from "../hooks/fetch-json";
import { useDrift, useDriftConfig, useDriftSeries } from "../hooks/use-drift";
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { DriftSummary, SettingsToggle } from "./drift-summary";
import { FeatureDetail } from "./feature-detail";
import { type DriftRow, FeatureTable } from "./feature-table";
import { DRIFT_SETTINGS_ID, DriftSettings } from "./settings-section";

const SINCE_LOOKBACK_MS = 7 * 86_400_000;

const SORT_OPTIONS: Array<{ key: DriftSortKey; label: string }> = [
  { key: "drift", label: "Drift (most first)" },
  { key: "name", label: "Name" },
  { key: "type", label: "Type" },
  { key: "test", label: "Test" },
  { key: "statistic", label: "Statistic" },
  { key: "threshold", label: "Threshold" },
  { key: "missing", label: "Missing share" },
];

export function DriftView({
  model,
  range,
  version,
  colors,
  live,
  feature,
}: {
  model: string;
  range: ResolvedRange;
  version: string | null;
  colors: Record<string, string>;
  live: boolean;
  feature: string | null;
}) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const search = params.toString();

  const drift = useDrift({ model, from: range.from, to: range.to, version }, { live });
  const config = useDriftConfig(model);
  const shareThreshold = config.data?.config.driftShare ?? DEFAULT_DRIFT_SHARE;

  // Hourly series: the dataset drift share one point per hour ("since when"), the per-column statistic at up to
  // ~240 steps over the range (sparklines), the missing shares only while a detail is open.
  // "Since when" looks back at least a week, whatever the range, so a run older than a short range is found.
  const hourly = useMemo(() => {
    const from = Math.min(Date.parse(range.from), Date.parse(range.to) - SINCE_LOOKBACK_MS);
    return seriesWindow(new Date(from).toISOString(), range.to, Number.POSITIVE_INFINITY);
  }, [range.from, range.to]);
  const steps = useMemo(() => seriesWindow(range.from, range.to), [range.from, range.to]);
  const labels = { model, version };
  const share = useDriftSeries(
    `max(${lastOverTime(driftSelector("vigil_dataset_drift_share", labels), hourly.step)})`,
    hourly,
    { live },
  );
  const stat = useDriftSeries(lastOverTime(driftSelector("vigil_feature_drift", labels), steps.step), steps, {
    live,
  });
  const missing = useDriftSeries(
    feature
      ? lastOverTime(driftSelector("vigil_feature_missing_share", { ...labels, feature }), steps.step)
      : null,
    steps,
    { live },
  );

  const since = useMemo(() => {
    if (!share.data) return null;
    const first = asMatrix(share.data)[0];
    return sinceDrifting(first ? matrixPoints(first) : [], shareThreshold, hourly.start * 1000);
  }, [share.data, shareThreshold, hourly.start]);
  const statByFeature = useMemo(
    () => (stat.data ? groupByFeature(asMatrix(stat.data)) : undefined),
    [stat.data],
  );
  const missingByFeature = useMemo(
    () => (missing.data ? groupByFeature(asMatrix(missing.data)) : undefined),
    [missing.data],
  );

  const [sort, setSort] = useState(DEFAULT_SORT);
  const [focusKey, setFocusKey] = useState<string | null>(null);
  const d = drift.data;
  const featureRows: DriftRow[] = useMemo(
    () => (d ? sortColumns(d.features, sort.key, sort.dir).map((c) => ({ key: c.name, column: c })) : []),
    [d, sort],
  );
  const outputRows: DriftRow[] = useMemo(() => {
    if (!d) return [];
    return (Object.keys(OUTPUT_SERIES) as OutputColumn[]).flatMap((k) => {
      const c = d[k];
      return c ? [{ key: OUTPUT_SERIES[k], column: c }] : [];
    });
  }, [d]);

  const hrefFor = useCallback(
    (key: string | null) => `${pathname}?${tabSearch(search, { tab: "drift", feature: key })}`,
    [pathname, search],
  );
  const open = useCallback(
    (key: string) => {
      setFocusKey(key);
      router.push(hrefFor(key), { scroll: false });
    },
    [router, hrefFor],
  );
  const close = useCallback(() => {
    const key = feature;
    router.push(hrefFor(null), { scroll: false });
    // Back to the row the detail was opened from (the visible one: table or card).
    if (key)
      requestAnimationFrame(() => {
        const target = [...document.querySelectorAll<HTMLElement>("[data-feature-key]")].find(
          (el) => el.dataset.featureKey === key && el.offsetParent !== null,
        );
        target?.focus();
      });
  }, [router, hrefFor, feature]);
  const focused = useCallback(() => setFocusKey(null), []);

  // "Reference & settings", opened from the summary's reference line; closing puts focus back on its toggle.
  const [settingsOpen, setSettingsOpen] = useState(false);
  const toggleSettings = useCallback(() => setSettingsOpen((o) => !o), []);
  const closeSettings = useCallback(() => {
    setSettingsOpen(false);
    requestAnimationFrame(() => document.querySelector<HTMLElement>("[data-drift-settings-toggle]")?.focus());
  }, []);
  const settings = { open: settingsOpen, controls: DRIFT_SETTINGS_ID, onToggle: toggleSettings };

  if (drift.error && !d) {
    const e = drift.error;
    return (
      <div className="space-y-4">
        <EmptyState
          title={e instanceof ApiError && e.status === 404 ? "No drift data" : "Could not load drift"}
        >
          <p>
            {e.message}.{" "}
            {e instanceof ApiError && e.status === 404
              ? "Drift is measured on the model's features once predictions arrive."
              : "Retrying every 30 seconds."}
          </p>
          {/* Settings that break drift (set through the API) can be fixed from here. */}
          {!(e instanceof ApiError && e.status === 404) && <SettingsToggle {...settings} />}
        </EmptyState>
        {settingsOpen && <DriftSettings model={model} drift={null} onClose={closeSettings} />}
      </div>
    );
  }
  if (!d) {
    return (
      <LoadingRegion label="Loading drift">
        <div className="space-y-4">
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-72 w-full" />
        </div>
      </LoadingRegion>
    );
  }

  const counts = driftCounts(d.features);
  const selected = feature ? ([...featureRows, ...outputRows].find((r) => r.key === feature) ?? null) : null;
  const noSeries = statByFeature !== undefined && statByFeature.size === 0;

  return (
    <div className="space-y-4" aria-busy={drift.isFetching}>
      <DriftSummary
        drift={d}
        counts={counts}
        shareThreshold={shareThreshold}
        since={since}
        sinceLoading={share.isPending}
        sinceScope={version ? `version ${version}` : "hourly, any version"}
        settings={settings}
      />
      {settingsOpen && <DriftSettings model={model} drift={d} onClose={closeSettings} />}
      {feature &&
        (selected ? (
          <FeatureDetail
            key={selected.key}
            model={model}
            featureKey={selected.key}
            column={selected.column}
            range={range}
            version={version}
            reference={d.reference}
            driftSeries={statByFeature?.get(selected.key) ?? (statByFeature ? [] : undefined)}
            missingSeries={missingByFeature?.get(selected.key) ?? (missingByFeature ? [] : undefined)}
            colors={colors}
            closeHref={hrefFor(null)}
            onClose={close}
            focusOnOpen={focusKey === selected.key}
            onFocused={focused}
          />
        ) : (
          <EmptyState title={`No column “${feature}” in this range`}>
            <p>
              It has no values in the reference or the current range.{" "}
              <button type="button" className="text-accent underline" onClick={close}>
                Close
              </button>
            </p>
          </EmptyState>
        ))}
      <Panel
        title="Features"
        description={
          <>
            {counts.total} feature{counts.total === 1 ? "" : "s"} · drifted first, then by how far past the
            threshold · sparkline: the statistic per hour, threshold dashed
          </>
        }
        testId="drift-features"
        actions={
          <div className="md:hidden">
            <label htmlFor="drift-sort" className="sr-only">
              Sort features by
            </label>
            <select
              id="drift-sort"
              value={sort.key}
              onChange={(e) => {
                const key = e.target.value as DriftSortKey;
                setSort({ key, dir: defaultSortDir(key) });
              }}
              className="rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg"
            >
              {SORT_OPTIONS.map((o) => (
                <option key={o.key} value={o.key}>
                  {o.label}
                </option>
              ))}
            </select>
          </div>
        }
      >
        {d.features.length === 0 ? (
          <EmptyState title="No features in this range">
            <p>Send predictions with a `features` object; every key becomes a column tested for drift.</p>
          </EmptyState>
        ) : (
          <FeatureTable
            rows={featureRows}
            sort={sort}
            onSort={(key) => setSort((s) => nextSort(s, key))}
            series={statByFeature}
            colors={colors}
            selected={feature}
            hrefFor={hrefFor}
            onOpen={open}
            onNavigate={setFocusKey}
            caption="Features by drift"
            testId="drift-table"
          />
        )}
        {noSeries && d.features.length > 0 && (
          <p className="mt-3 text-xs text-muted">
            No hourly drift values in this range yet: the worker writes them for each hour after the reference
            window{d.reference?.to ? ` (which ends ${formatDateTime(d.reference.to)})` : ""}.
          </p>
        )}
      </Panel>
      {outputRows.length > 0 && (
        <Panel
          title="Prediction, score and label"
          description="The model's outputs and the ground truth, tested like features"
          testId="drift-outputs"
        >
          <FeatureTable
            rows={outputRows}
            sort={null}
            series={statByFeature}
            colors={colors}
            selected={feature}
            hrefFor={hrefFor}
            onOpen={open}
            onNavigate={setFocusKey}
            caption="Prediction, score and label drift"
            nameLabel="Column"
            testId="drift-outputs-table"
          />
        </Panel>
      )}
    </div>
  );
}
