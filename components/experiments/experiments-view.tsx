"use client";
// The experiments list: filter by model (in the URL: ?model=NAME) and text, sort, "New experiment" for admins,
// and an empty state with the API call that creates one.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import {
  createExperimentCurl,
  type ExperimentSortKey,
  filterExperiments,
  type SortDir,
  sortExperiments,
} from "@/lib/charts/experiment-list";
import { useCanAdminister } from "../hooks/use-drift-settings";
import { useExperiments } from "../hooks/use-experiments";
import { useModels } from "../hooks/use-models";
import { useNow } from "../hooks/use-now";
import { CodeBlock } from "../ui/code-block";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { useOrigin } from "../ui/use-origin";
import { ExperimentForm } from "./experiment-form";
import { ExperimentsTable } from "./experiments-table";
import { controlBase, primaryButton } from "./form-fields";

/** Any model name works for the admin probe: the role is checked before the path. */
const ANY_MODEL = "_";

function CreateHelp({ model }: { model: string | null }) {
  const origin = useOrigin();
  return (
    <>
      <p>
        An experiment splits a model's traffic between versions and compares business metrics and quality per
        variant. Create one with the button above, or from your code:
      </p>
      <CodeBlock code={createExperimentCurl(origin, model ?? undefined)} />
      <p>
        Then ask{" "}
        <code className="font-mono">GET /api/v1/experiments/&lt;key&gt;/assign?unit=&lt;user id&gt;</code> for
        each unit's variant and send predictions with its <code className="font-mono">variant</code>.
      </p>
    </>
  );
}

export function ExperimentsView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const model = params.get("model") || null;
  const list = useExperiments(null);
  const models = useModels();
  const canAdminister = useCanAdminister(ANY_MODEL);
  const now = useNow(60_000);
  const [creating, setCreating] = useState(false);
  const [text, setText] = useState("");
  const [sort, setSort] = useState<ExperimentSortKey>("startAt");
  const [dir, setDir] = useState<SortDir>("desc");

  const all = list.data?.experiments;
  const shown = useMemo(
    () => (all ? sortExperiments(filterExperiments(all, model, text), sort, dir, now) : []),
    [all, model, text, sort, dir, now],
  );
  const modelNames = useMemo(() => {
    const names = new Set<string>([
      ...(models.data?.models.map((m) => m.name) ?? []),
      ...(all?.map((e) => e.model) ?? []),
      ...(model ? [model] : []),
    ]);
    return [...names].sort((a, b) => a.localeCompare(b));
  }, [models.data, all, model]);

  function onSort(key: ExperimentSortKey) {
    if (key === sort) setDir(dir === "asc" ? "desc" : "asc");
    else {
      setSort(key);
      setDir(key === "key" || key === "model" || key === "status" ? "asc" : "desc");
    }
  }

  function setModel(next: string) {
    const q = new URLSearchParams(params.toString());
    if (next) q.set("model", next);
    else q.delete("model");
    const s = q.toString();
    router.replace(s ? `${pathname}?${s}` : pathname, { scroll: false });
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Experiments</h1>
          <p className="text-sm text-muted">
            A/B/n tests between model versions: lift, significance and guardrails.
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {canAdminister === false && (
            <span className="text-xs text-muted">Only editors and admins can create experiments.</span>
          )}
          <button
            type="button"
            className={primaryButton}
            disabled={canAdminister !== true}
            aria-expanded={creating}
            onClick={() => setCreating((c) => !c)}
            data-testid="experiment-new"
          >
            New experiment
          </button>
        </div>
      </div>
      {creating && canAdminister === true && (
        <ExperimentForm model={model} onClose={() => setCreating(false)} />
      )}
      <div className="flex flex-wrap items-center gap-2">
        <label className="sr-only" htmlFor="experiment-filter">
          Filter experiments
        </label>
        <input
          id="experiment-filter"
          type="search"
          placeholder="Filter by key or name"
          value={text}
          onChange={(e) => setText(e.target.value)}
          className={`${controlBase} flex-1 sm:max-w-xs`}
        />
        <label className="sr-only" htmlFor="experiment-model">
          Model
        </label>
        <select
          id="experiment-model"
          value={model ?? ""}
          onChange={(e) => setModel(e.target.value)}
          className={controlBase}
          data-testid="experiment-model-filter"
        >
          <option value="">All models</option>
          {modelNames.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
        {all && (
          <span className="text-xs text-muted" aria-live="polite">
            {shown.length} of {all.length} experiments
          </span>
        )}
      </div>
      {list.isPending ? (
        <LoadingRegion label="Loading experiments">
          <div className="space-y-2">
            {[0, 1, 2].map((i) => (
              <Skeleton key={i} className="h-12 w-full" />
            ))}
          </div>
        </LoadingRegion>
      ) : list.error && !all ? (
        <EmptyState title="Could not load experiments">
          <p>{list.error.message}. The page retries every minute.</p>
        </EmptyState>
      ) : !all || all.length === 0 ? (
        <EmptyState title="No experiments yet">
          <CreateHelp model={model} />
        </EmptyState>
      ) : shown.length === 0 ? (
        <EmptyState title="No experiment matches the filter">
          <p>Clear the filter text or choose “All models”.</p>
        </EmptyState>
      ) : (
        <ExperimentsTable experiments={shown} sort={sort} dir={dir} onSort={onSort} now={now} />
      )}
    </div>
  );
}
