"use client";
// One dashboard: header (title, version, edit/save), variables and time controls, and the panel grid. Edits
// (layout, panels, settings) change a working copy; Save stores it with the version it was based on, and a save
// that comes after someone else's is refused with who and when, offering to reload or to overwrite.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { freeSpot, type LayoutItem } from "@/lib/dashboards/layout";
import type { Definition, Panel } from "@/lib/dashboards/schema";
import { ShareEmbedDialog } from "../embeds/share-dialog";
import { secondaryButton } from "../experiments/form-fields";
import { ApiError } from "../hooks/fetch-json";
import { useDashboardUrl } from "../hooks/use-dashboard-url";
import { useDashboardVariables } from "../hooks/use-dashboard-variables";
import {
  type DashboardInfo,
  exportUrl,
  StaleDashboardError,
  useDashboard,
  useDeleteDashboard,
  useSaveDashboard,
} from "../hooks/use-dashboards";
import { ArrowLeftIcon } from "../icons";
import { Badge } from "../ui/badge";
import { EmptyState } from "../ui/empty-state";
import { Skeleton } from "../ui/skeleton";
import { DashboardGrid } from "./dashboard-grid";
import { DashboardToolbar } from "./dashboard-toolbar";
import { PanelJsonDialog } from "./json-dialog";
import { PanelEditor } from "./panel-editor";
import { PanelMenu } from "./panel-menu";
import { PanelView } from "./panel-view";
import { runDashboardQuery } from "./run-query";
import { SettingsDialog } from "./settings-dialog";
import { TimeControls } from "./time-controls";
import { VariablesBar } from "./variables-bar";

const newPanelId = () => `p${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}`;

export function DashboardPage({ uid, canEdit }: { uid: string; canEdit: boolean }) {
  const q = useDashboard(uid);
  if (q.error)
    return (
      <EmptyState
        title={
          q.error instanceof ApiError && q.error.status === 404
            ? `No dashboard "${uid}"`
            : "Could not load the dashboard"
        }
      >
        <p>{q.error.message}.</p>
        <p>
          <Link href="/dashboards" className="text-accent underline">
            All dashboards
          </Link>
        </p>
      </EmptyState>
    );
  if (!q.data) return <Skeleton className="h-96 w-full" />;
  return <Workspace saved={q.data.dashboard} canEdit={canEdit} />;
}

function Workspace({ saved, canEdit }: { saved: DashboardInfo; canEdit: boolean }) {
  const router = useRouter();
  const [base, setBase] = useState(saved);
  const [title, setTitle] = useState(saved.title);
  const [definition, setDefinition] = useState<Definition>(saved.definition);
  const [editing, setEditing] = useState(false);
  const [editor, setEditor] = useState<{ panel: Panel; isNew: boolean } | null>(null);
  const [settings, setSettings] = useState(false);
  const [jsonOf, setJsonOf] = useState<Panel | null>(null);
  const [share, setShare] = useState<{ panel: Panel | null } | null>(null);
  const [problem, setProblem] = useState<{ message: string; stale: StaleDashboardError | null } | null>(null);
  const save = useSaveDashboard(saved.uid);
  const remove = useDeleteDashboard();
  const url = useDashboardUrl(definition);
  const variables = useDashboardVariables(definition.variables, url.state.vars);
  const dirty = title !== base.title || JSON.stringify(definition) !== JSON.stringify(base.definition);

  // Leaving with unsaved changes asks first.
  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const setPanels = (f: (panels: Panel[]) => Panel[]) =>
    setDefinition((d) => ({ ...d, panels: f(d.panels) }));

  function onLayout(items: LayoutItem[]) {
    const byId = new Map(items.map((i) => [i.id, i]));
    setPanels((panels) =>
      panels.map((p) => {
        const i = byId.get(p.id);
        return i ? { ...p, gridPos: { x: i.x, y: i.y, w: i.w, h: i.h } } : p;
      }),
    );
  }

  async function doSave(version = base.version) {
    setProblem(null);
    try {
      const res = await save.mutateAsync({ title, version, definition });
      setBase(res.dashboard);
    } catch (error) {
      const e = error as Error;
      setProblem({ message: e.message, stale: e instanceof StaleDashboardError ? e : null });
    }
  }

  function addPanel() {
    const gridPos = freeSpot(
      definition.panels.map((p) => p.gridPos),
      12,
      8,
    );
    setEditor({
      isNew: true,
      panel: { id: newPanelId(), title: "New panel", type: "timeseries", gridPos, targets: [{ expr: "" }] },
    });
  }

  function applyPanel(panel: Panel) {
    setPanels((panels) =>
      panels.some((p) => p.id === panel.id)
        ? panels.map((p) => (p.id === panel.id ? panel : p))
        : [...panels, panel],
    );
    setEditor(null);
  }

  function duplicate(panel: Panel) {
    const gridPos = freeSpot(
      definition.panels.map((p) => p.gridPos),
      panel.gridPos.w,
      panel.gridPos.h,
    );
    setPanels((panels) => [
      ...panels,
      { ...structuredClone(panel), id: newPanelId(), title: `${panel.title} (copy)`, gridPos },
    ]);
  }

  function discard() {
    setTitle(base.title);
    setDefinition(base.definition);
    setProblem(null);
  }

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-start lg:justify-between">
        <div className="min-w-0 space-y-1">
          <Link
            href="/dashboards"
            className="inline-flex items-center gap-1 text-xs text-muted hover:text-fg"
          >
            <ArrowLeftIcon width={12} height={12} /> Dashboards
          </Link>
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="text-xl font-semibold tracking-tight break-all" data-testid="dashboard-title">
              {title}
            </h1>
            <Badge tone="muted" title={`saved ${base.updatedAt}`}>
              version {base.version}
            </Badge>
            {dirty && <Badge tone="warn">unsaved changes</Badge>}
            {!canEdit && <Badge tone="info">view only</Badge>}
          </div>
        </div>
        <DashboardToolbar
          canEdit={canEdit}
          editing={editing}
          dirty={dirty}
          saving={save.isPending}
          exportHref={exportUrl(base.uid)}
          onEdit={() => setEditing(true)}
          onDone={() => setEditing(false)}
          onAddPanel={addPanel}
          onSettings={() => setSettings(true)}
          onSave={() => doSave()}
          onDiscard={discard}
          onShare={canEdit && !editing ? () => setShare({ panel: null }) : undefined}
        />
      </div>

      {problem && (
        <div
          role="alert"
          className="rounded-md border border-bad/50 bg-bad/10 p-3 text-sm"
          data-testid="save-problem"
        >
          <p>{problem.message}</p>
          {problem.stale && (
            <div className="mt-2 flex flex-wrap gap-2">
              <button type="button" className={secondaryButton} onClick={() => window.location.reload()}>
                Reload the saved dashboard (drops your changes)
              </button>
              <button
                type="button"
                className={secondaryButton}
                onClick={() => doSave(problem.stale?.current?.version ?? base.version)}
              >
                Save mine over it
              </button>
            </div>
          )}
        </div>
      )}

      <div className="flex flex-wrap items-end justify-between gap-3">
        <VariablesBar states={variables.states} onChange={url.setVariable} />
        <TimeControls
          key={`${url.state.from}|${url.state.to}`}
          range={{ from: url.state.from, to: url.state.to }}
          refresh={url.state.refresh}
          onRange={url.setRange}
          onRefresh={url.setRefresh}
          onRefreshNow={url.refreshNow}
        />
      </div>

      {definition.panels.length === 0 ? (
        <EmptyState title="This dashboard has no panels yet">
          {canEdit ? (
            <p>
              <button
                type="button"
                className="text-accent underline"
                onClick={() => {
                  setEditing(true);
                  addPanel();
                }}
              >
                Add a panel
              </button>{" "}
              with a PromQL query over Vigil&apos;s series, or a built-in view.
            </p>
          ) : (
            <p>An editor can add panels.</p>
          )}
        </EmptyState>
      ) : (
        <DashboardGrid
          panels={definition.panels}
          editing={editing}
          onLayout={onLayout}
          renderPanel={(panel, moveHandle) => (
            <PanelView
              panel={panel}
              variables={variables.values}
              range={url.time}
              runQuery={runDashboardQuery}
              refreshKey={url.refreshKey}
              actions={
                <>
                  {moveHandle}
                  <PanelMenu
                    title={panel.title || "untitled"}
                    items={[
                      ...(editing
                        ? [
                            { label: "Edit", onSelect: () => setEditor({ panel, isNew: false }) },
                            { label: "Duplicate", onSelect: () => duplicate(panel) },
                            {
                              label: "Remove",
                              danger: true,
                              onSelect: () => setPanels((ps) => ps.filter((p) => p.id !== panel.id)),
                            },
                          ]
                        : []),
                      { label: "View JSON", onSelect: () => setJsonOf(panel) },
                      ...(canEdit && !editing
                        ? [{ label: "Share → Embed", onSelect: () => setShare({ panel }) }]
                        : []),
                    ]}
                  />
                </>
              }
            />
          )}
        />
      )}

      {editor && (
        <PanelEditor
          panel={editor.panel}
          isNew={editor.isNew}
          variables={variables.values}
          range={url.time}
          runQuery={runDashboardQuery}
          onApply={applyPanel}
          onClose={() => setEditor(null)}
        />
      )}
      {settings && (
        <SettingsDialog
          uid={base.uid}
          title={title}
          definition={definition}
          deleting={remove.isPending}
          onClose={() => setSettings(false)}
          onApply={(t, d) => {
            setTitle(t);
            setDefinition(d);
            setSettings(false);
          }}
          onDelete={() =>
            remove.mutate(base.uid, {
              onSuccess: () => router.push("/dashboards"),
              onError: (e) => setProblem({ message: e.message, stale: null }),
            })
          }
        />
      )}
      {jsonOf && <PanelJsonDialog panel={jsonOf} onClose={() => setJsonOf(null)} />}
      {share && (
        <ShareEmbedDialog
          dashboard={{ uid: base.uid, title: base.title }}
          definition={base.definition}
          panel={share.panel}
          values={variables.values}
          time={{ from: url.state.from, to: url.state.to }}
          onClose={() => setShare(null)}
        />
      )}
    </div>
  );
}
