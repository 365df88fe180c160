"use client";
// The active reference and the choice of another: the default (the first 7 days of predictions), a pinned
// window (two local date-times, from before to, and optionally one version's predictions only) or an uploaded
// dataset. A radio group (arrow keys move between the choices); "Use this reference" PUTs the config with
// every other setting kept.
import { type FormEvent, useId, useState } from "react";
import { type DriftConfig, type DriftResponse, formatWindow } from "@/lib/charts/drift";
import {
  activeReferenceText,
  checkPinnedWindow,
  type ReferenceProfile,
  sameReference,
} from "@/lib/charts/drift-settings";
import { formatInteger } from "@/lib/charts/format";
import { toLocalInput } from "@/lib/charts/range";
import { Badge } from "../ui/badge";

type Choice = "default" | "pinned" | "profile";
type Reference = DriftConfig["reference"];

const control =
  "rounded-md border border-border bg-surface px-2 py-1 text-sm text-fg disabled:opacity-60 aria-invalid:border-bad";
const DAY = 86_400_000;

function choiceOf(ref: Reference): Choice {
  if (!ref) return "default";
  return "profile" in ref ? "profile" : "pinned";
}

function Current({ drift, reference }: { drift: DriftResponse | null; reference: Reference }) {
  const r = drift?.reference;
  const active = !reference
    ? { source: "default" as const }
    : "profile" in reference
      ? { source: "profile" as const, profile: reference.profile }
      : { source: "pinned" as const, ...reference };
  return (
    <p className="text-sm" data-testid="reference-active">
      <span className="text-muted">Now: </span>
      <span className="font-medium">{activeReferenceText(active)}</span>
      {active.source === "pinned" && (
        <>
          {" "}
          <span className="tabular-nums">{formatWindow(active.from, active.to)}</span>
          {active.version && <Badge tone="neutral">version {active.version}</Badge>}
        </>
      )}
      {active.source === "default" && r?.source === "default" && r.from && r.to && (
        <span className="text-muted tabular-nums"> — here {formatWindow(r.from, r.to)}</span>
      )}
      {r && r.source !== "query" && (
        <span className="block text-xs text-muted">
          {formatInteger(r.rows)} {r.source === "profile" ? "rows" : "predictions"} in it
          {drift?.version ? ` for version ${drift.version}` : ""}
        </span>
      )}
    </p>
  );
}

export function ReferenceChooser({
  drift,
  config,
  profiles,
  versions,
  canEdit,
  saving,
  onSave,
}: {
  drift: DriftResponse | null;
  config: DriftConfig;
  profiles: readonly ReferenceProfile[];
  versions: readonly string[];
  canEdit: boolean;
  saving: boolean;
  /** PUTs the latest config with this reference; resolves once saved. */
  onSave: (reference: Reference) => Promise<unknown>;
}) {
  const id = useId();
  const saved = config.reference ?? null;
  const ready = [...new Set(profiles.filter((p) => p.status === "ready").map((p) => p.name))];
  const [choice, setChoice] = useState<Choice>(choiceOf(saved));
  const [from, setFrom] = useState(() => {
    if (saved && "from" in saved) return toLocalInput(saved.from);
    const r = drift?.reference;
    return r?.from ? toLocalInput(r.from) : toLocalInput(new Date(Date.now() - 7 * DAY).toISOString());
  });
  const [to, setTo] = useState(() => {
    if (saved && "to" in saved) return toLocalInput(saved.to);
    const r = drift?.reference;
    return r?.to ? toLocalInput(r.to) : toLocalInput(new Date().toISOString());
  });
  const [version, setVersion] = useState(saved && "from" in saved ? (saved.version ?? "") : "");
  const [profile, setProfile] = useState(saved && "profile" in saved ? saved.profile : (ready[0] ?? ""));
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  // The saved reference changed (saved here, or a dataset activated by an upload): show it.
  const savedKey = JSON.stringify(saved);
  const [shown, setShown] = useState(savedKey);
  if (shown !== savedKey) {
    setShown(savedKey);
    setChoice(choiceOf(saved));
    if (saved && "profile" in saved) setProfile(saved.profile);
    if (saved && "from" in saved) {
      setFrom(toLocalInput(saved.from));
      setTo(toLocalInput(saved.to));
      setVersion(saved.version ?? "");
    }
  }

  const span = checkPinnedWindow(from, to);
  let next: Reference | undefined;
  let problem: string | null = null;
  if (choice === "default") next = null;
  else if (choice === "pinned") {
    if (span.ok) next = { from: span.from, to: span.to, ...(version ? { version } : {}) };
    else problem = span.problem;
  } else if (profile) next = { profile };
  else problem = "No dataset is ready: upload one below first.";
  const unchanged = next !== undefined && sameReference(next, saved);
  const versionChoices = version && !versions.includes(version) ? [...versions, version] : versions;

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (next === undefined || !canEdit) return;
    setMessage(null);
    try {
      await onSave(next);
      setMessage({
        ok: true,
        text:
          next === null
            ? "Saved: back to the first 7 days of predictions."
            : "profile" in next
              ? `Saved: the reference is the dataset “${next.profile}”.`
              : "Saved: the reference is the pinned window.",
      });
    } catch (err) {
      setMessage({ ok: false, text: (err as Error).message });
    }
  }

  const option = "flex items-start gap-2 text-sm";
  return (
    <form onSubmit={submit} className="space-y-3" aria-label="Reference" data-testid="reference-chooser">
      <Current drift={drift} reference={saved} />
      <fieldset disabled={!canEdit || saving} className="min-w-0 space-y-2">
        <legend className="mb-1 text-xs text-muted">Compare the current range against</legend>
        <label className={option}>
          <input
            type="radio"
            name={`${id}-choice`}
            value="default"
            checked={choice === "default"}
            onChange={() => setChoice("default")}
            className="mt-1 accent-accent"
          />
          <span>
            The first 7 days of predictions <span className="text-muted">(default, per version)</span>
          </span>
        </label>
        <label className={option}>
          <input
            type="radio"
            name={`${id}-choice`}
            value="pinned"
            checked={choice === "pinned"}
            onChange={() => setChoice("pinned")}
            className="mt-1 accent-accent"
          />
          <span>A window of predictions — e.g. the calm days before a known change</span>
        </label>
        {choice === "pinned" && (
          <div className="ml-6 flex flex-wrap items-end gap-2" data-testid="reference-window">
            <div className="flex flex-col">
              <label htmlFor={`${id}-from`} className="text-xs text-muted">
                From
              </label>
              <input
                id={`${id}-from`}
                type="datetime-local"
                value={from}
                onChange={(e) => setFrom(e.target.value)}
                className={control}
              />
            </div>
            <div className="flex flex-col">
              <label htmlFor={`${id}-to`} className="text-xs text-muted">
                To
              </label>
              <input
                id={`${id}-to`}
                type="datetime-local"
                value={to}
                onChange={(e) => setTo(e.target.value)}
                aria-invalid={problem !== null ? true : undefined}
                aria-describedby={problem ? `${id}-problem` : undefined}
                className={control}
              />
            </div>
            <div className="flex flex-col">
              <label htmlFor={`${id}-version`} className="text-xs text-muted">
                Version
              </label>
              <select
                id={`${id}-version`}
                value={version}
                onChange={(e) => setVersion(e.target.value)}
                className={control}
              >
                <option value="">Any version</option>
                {versionChoices.map((v) => (
                  <option key={v} value={v}>
                    {v}
                  </option>
                ))}
              </select>
            </div>
          </div>
        )}
        <label className={option}>
          <input
            type="radio"
            name={`${id}-choice`}
            value="profile"
            checked={choice === "profile"}
            onChange={() => setChoice("profile")}
            className="mt-1 accent-accent"
          />
          <span>An uploaded dataset — the training set, or a validated sample</span>
        </label>
        {choice === "profile" && ready.length > 0 && (
          <div className="ml-6 flex flex-col">
            <label htmlFor={`${id}-profile`} className="text-xs text-muted">
              Dataset
            </label>
            <select
              id={`${id}-profile`}
              value={profile}
              onChange={(e) => setProfile(e.target.value)}
              className={`${control} w-64 max-w-full font-mono`}
            >
              {ready.map((n) => (
                <option key={n} value={n}>
                  {n}
                </option>
              ))}
            </select>
          </div>
        )}
      </fieldset>
      {problem && (
        <p id={`${id}-problem`} role="alert" className="text-sm text-bad" data-testid="reference-problem">
          {problem}
        </p>
      )}
      {canEdit && (
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            disabled={saving || next === undefined || unchanged}
            className="h-9 rounded-md bg-accent px-4 text-sm font-medium text-accent-fg hover:opacity-90 disabled:opacity-50"
          >
            {saving ? "Saving…" : "Use this reference"}
          </button>
          {unchanged && <span className="text-xs text-muted">This is the reference now.</span>}
        </div>
      )}
      {message && (
        <p
          role={message.ok ? "status" : "alert"}
          className={`text-sm ${message.ok ? "text-good" : "text-bad"}`}
          data-testid="reference-saved"
        >
          {message.text}
        </p>
      )}
    </form>
  );
}
