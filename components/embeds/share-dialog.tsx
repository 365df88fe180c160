"use client";
// "Share → Embed" for a panel or a whole dashboard: which parameters are locked (to the values the page shows
// now), which the viewer may change, theme and title → an iframe snippet to copy, a live preview and the
// server-side signing code; below, this dashboard's embeds with their revoke buttons. Editors and admins only.
import { useState } from "react";
import type { Definition, Panel } from "@/lib/dashboards/schema";
import type { TimeRange } from "@/lib/dashboards/time";
import { interpolateText } from "@/lib/dashboards/variables";
import type { EmbedTheme } from "@/lib/embeds/schemas";
import { initialChoices, type ParamChoice, type ParamMode, shareBody } from "@/lib/embeds/share-form";
import { Dialog } from "../dashboards/dialog";
import { controlBase, primaryButton } from "../experiments/form-fields";
import { EmbedResult } from "./embed-result";
import { EmbedsList } from "./embeds-list";
import { useCreateEmbed, useDashboardEmbeds, useFrameAncestors } from "./use-embeds";

const MODES: Array<{ mode: ParamMode; label: string }> = [
  { mode: "locked", label: "Locked" },
  { mode: "editable", label: "Viewer may change" },
  { mode: "default", label: "Dashboard default" },
];

function ChoiceRow({ choice, onChange }: { choice: ParamChoice; onChange: (c: ParamChoice) => void }) {
  const shown =
    choice.name === "time" ? `${choice.values[0]} → ${choice.values[1]}` : choice.values.join(", ");
  return (
    <fieldset
      className="flex flex-wrap items-center gap-x-3 gap-y-1 py-1.5"
      data-testid={`share-param-${choice.name}`}
    >
      <legend className="sr-only">{choice.label}</legend>
      <span className="w-32 shrink-0 truncate text-sm font-medium" aria-hidden="true">
        {choice.label}
      </span>
      {MODES.map(({ mode, label }) => (
        <label key={mode} className="inline-flex items-center gap-1 text-sm">
          <input
            type="radio"
            name={`share-${choice.name}`}
            checked={choice.mode === mode}
            disabled={mode === "locked" && choice.values.length === 0}
            onChange={() => onChange({ ...choice, mode })}
          />
          {label}
          {mode === "locked" && choice.values.length > 0 && (
            <code className="max-w-48 truncate text-xs text-muted" title={shown}>
              ({shown})
            </code>
          )}
        </label>
      ))}
    </fieldset>
  );
}

export function ShareEmbedDialog({
  dashboard,
  definition,
  panel,
  values,
  time,
  onClose,
}: {
  dashboard: { uid: string; title: string };
  definition: Definition;
  /** null: the whole dashboard */
  panel: Panel | null;
  values: Readonly<Record<string, readonly string[]>>;
  time: TimeRange;
  onClose: () => void;
}) {
  const [choices, setChoices] = useState(() => initialChoices(definition.variables, values, time));
  const [theme, setTheme] = useState<EmbedTheme>("light");
  const [showTitle, setShowTitle] = useState(true);
  const create = useCreateEmbed(dashboard.uid);
  const list = useDashboardEmbeds(dashboard.uid);
  const ancestors = useFrameAncestors();
  const what = panel
    ? `panel "${interpolateText(panel.title, values) || panel.id}"`
    : `dashboard "${dashboard.title}"`;
  const disabled = list.data?.enabled === false;

  return (
    <Dialog open onClose={onClose} title={`Embed ${what}`} variant="drawer" testId="share-embed-dialog">
      <div className="space-y-4">
        {disabled && (
          <p role="alert" className="rounded-md border border-warn/50 bg-warn/10 p-3 text-sm">
            Embeds are disabled on this server: set <code>VIGIL_EMBED_SECRET</code> (at least 32 bytes) and
            restart.
          </p>
        )}
        <form
          className="space-y-3"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate(
              shareBody({ dashboard: dashboard.uid, panel: panel?.id ?? null, choices, theme, showTitle }),
            );
          }}
        >
          <div>
            <h3 className="text-sm font-semibold">Parameters</h3>
            <p className="text-xs text-muted">
              Locked values are signed into the link: the viewer cannot change them. The embed shows the saved
              dashboard.
            </p>
            <div className="mt-1 divide-y divide-border/60">
              {choices.map((c) => (
                <ChoiceRow
                  key={c.name}
                  choice={c}
                  onChange={(next) =>
                    setChoices((list) => list.map((x) => (x.name === next.name ? next : x)))
                  }
                />
              ))}
            </div>
          </div>
          <div className="flex flex-wrap items-center gap-4">
            <label className="inline-flex items-center gap-2 text-sm">
              Theme
              <select
                className={controlBase}
                value={theme}
                onChange={(e) => setTheme(e.target.value as EmbedTheme)}
                data-testid="share-theme"
              >
                <option value="light">Light</option>
                <option value="dark">Dark</option>
                <option value="transparent">Transparent</option>
              </select>
            </label>
            <label className="inline-flex items-center gap-2 text-sm">
              <input type="checkbox" checked={showTitle} onChange={(e) => setShowTitle(e.target.checked)} />
              Show the title
            </label>
            <button
              type="submit"
              className={primaryButton}
              disabled={create.isPending || disabled}
              data-testid="share-create"
            >
              {create.isPending ? "Creating…" : "Create embed"}
            </button>
          </div>
          {create.error && (
            <p role="alert" className="text-sm text-bad">
              {create.error.message}
            </p>
          )}
        </form>
        {create.data && <EmbedResult created={create.data} allowed={ancestors.data?.origins ?? null} />}
        <EmbedsList dashboard={dashboard.uid} panels={definition.panels} query={list} />
      </div>
    </Dialog>
  );
}
