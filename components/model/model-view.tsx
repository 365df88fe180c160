"use client";
// Model page: range + version from the URL → two quality queries (windows, whole range) → panels.
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo } from "react";
import { parseFeatureParam, parseModelTab, tabSearch } from "@/lib/charts/drift";
import { versionColors } from "@/lib/charts/palette";
import { parseRange, type RangeSelection, rangeQuery, resolveRange } from "@/lib/charts/range";
import { parseEndpointParam, parseSourceParam, servingSearch } from "@/lib/charts/serving";
import { overallBadge } from "@/lib/charts/serving-endpoints";
import { parseShadowParam } from "@/lib/charts/shadow";
import { prepareSummary } from "@/lib/charts/summary";
import { DriftView } from "../drift/drift-view";
import { ApiError } from "../hooks/fetch-json";
import { useModelQuality } from "../hooks/use-model-quality";
import { useModels } from "../hooks/use-models";
import { useNow } from "../hooks/use-now";
import { useServingEndpoints } from "../hooks/use-serving";
import { ArrowLeftIcon } from "../icons";
import { ShadowsView } from "../shadow/shadows-view";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { MetricPanel } from "./metric-panel";
import { ModelHeader } from "./model-header";
import { ModelNotFound } from "./model-not-found";
import { ModelTabPanel, ModelTabs } from "./model-tabs";
import { ConfusionPanel, LabelDelayPanel, VolumePanel } from "./panels";
import { RangePicker } from "./range-picker";
import { ServingView } from "./serving-view";
import { SummaryStrip } from "./summary-strip";

export function ModelView({ model }: { model: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const now = useNow(60_000);
  const selection = useMemo(() => parseRange(params), [params]);
  const version = params.get("version") || null;
  const range = useMemo(() => resolveRange(selection, now), [selection, now]);
  const live = selection.kind === "preset";
  const tab = parseModelTab(params);
  const feature = parseFeatureParam(params);
  const shadow = parseShadowParam(params);
  const source = tab === "serving" ? parseSourceParam(params) : null;
  const endpointName = tab === "serving" ? parseEndpointParam(params) : null;

  const base = { model, from: range.from, to: range.to, version };
  const windows = useModelQuality({ ...base, window: range.window }, { live });
  const whole = useModelQuality({ ...base, window: "all" }, { live });
  const models = useModels();
  const summary = models.data?.models.find((m) => m.name === model);
  const endpoints = useServingEndpoints(model).data?.endpoints;
  const servingBadge = useMemo(() => {
    const badge = endpoints ? overallBadge(endpoints) : null;
    if (!badge) return null;
    const search = tabSearch(params.toString(), { tab: "serving", feature: null, shadow: null });
    return { ...badge, href: `${pathname}?${search}` };
  }, [endpoints, params, pathname]);

  const q = windows.data;
  const allVersions = useMemo(() => {
    const names = new Set<string>([...(summary?.versions.map((v) => v.name) ?? []), ...(q?.versions ?? [])]);
    return [...names].sort((a, b) => a.localeCompare(b, undefined, { numeric: true }));
  }, [summary, q]);
  const colors = useMemo(() => versionColors(allVersions), [allVersions]);
  const shown = version ? [version] : (q?.versions ?? allVersions);

  function navigate(sel: RangeSelection, v: string | null) {
    const search = tabSearch(rangeQuery(sel, v), { tab, feature, shadow });
    router.push(`${pathname}?${servingSearch(search, { source, endpoint: endpointName })}`, {
      scroll: false,
    });
  }

  const notFound = [windows.error, whole.error].some((e) => e instanceof ApiError && e.status === 404);
  if (notFound) return <ModelNotFound name={model} />;

  const error = windows.error ?? whole.error;
  const wholeRows = whole.data?.windows ?? [];
  const verdict = whole.data ? prepareSummary(wholeRows, shown, whole.data.task) : null;
  const task = q?.task ?? summary?.task ?? null;

  return (
    <div className="space-y-4">
      <Link href="/" className="inline-flex items-center gap-1 text-sm text-muted hover:text-fg">
        <ArrowLeftIcon /> Overview
      </Link>
      <div className="flex flex-col gap-4 lg:flex-row lg:items-start lg:justify-between">
        <ModelHeader
          name={model}
          quality={q}
          summary={summary}
          colors={colors}
          versions={allVersions}
          serving={servingBadge}
        />
        <RangePicker
          key={selection.kind === "custom" ? `${selection.from}-${selection.to}` : "preset"}
          selection={selection}
          resolved={range}
          versions={allVersions}
          version={version}
          onChange={navigate}
        />
      </div>
      <ModelTabs tab={tab} />
      {tab === "serving" ? (
        <ModelTabPanel tab="serving">
          <ServingView
            model={model}
            range={range}
            version={version}
            colors={colors}
            live={live}
            task={task}
            source={source}
            endpointName={endpointName}
          />
        </ModelTabPanel>
      ) : tab === "shadows" ? (
        <ModelTabPanel tab="shadows">
          <ShadowsView model={model} range={range} live={live} shadow={shadow} />
        </ModelTabPanel>
      ) : tab === "drift" ? (
        <ModelTabPanel tab="drift">
          <DriftView
            model={model}
            range={range}
            version={version}
            colors={colors}
            live={live}
            feature={feature}
          />
        </ModelTabPanel>
      ) : (
        <ModelTabPanel tab="quality">
          {error && !q && (
            <EmptyState title="Could not load quality data">
              <p>{error.message}. Retrying every 30 seconds.</p>
            </EmptyState>
          )}
          {verdict ? (
            <SummaryStrip summary={verdict} task={whole.data?.task ?? task} colors={colors} />
          ) : (
            !error && (
              <LoadingRegion label="Loading summary">
                <Skeleton className="h-28 w-full" />
              </LoadingRegion>
            )
          )}
          {q ? (
            <div className="grid grid-cols-1 gap-4 lg:grid-cols-2" aria-busy={windows.isFetching}>
              <VolumePanel windows={q.windows} versions={shown} colors={colors} range={range} />
              <MetricPanel
                model={model}
                task={task}
                windows={q.windows}
                versions={shown}
                colors={colors}
                range={range}
              />
              {task !== "regression" &&
                (whole.data ? (
                  <ConfusionPanel model={model} allWindows={wholeRows} version={version} />
                ) : (
                  <Skeleton className="h-64 w-full" />
                ))}
              <LabelDelayPanel
                model={model}
                windows={q.windows}
                versions={shown}
                colors={colors}
                range={range}
              />
            </div>
          ) : (
            !error && (
              <LoadingRegion label="Loading charts">
                <div className="grid grid-cols-1 gap-4 lg:grid-cols-2">
                  {[0, 1, 2, 3].map((i) => (
                    <Skeleton key={i} className="h-72 w-full" />
                  ))}
                </div>
              </LoadingRegion>
            )
          )}
        </ModelTabPanel>
      )}
    </div>
  );
}
