"use client";
// The model's uploaded reference datasets (GET …/reference): status (uploading, ready, failed with the reason),
// rows, size, and per column the role, inferred type, values, distinct values and missing ones; "Use as
// reference" and Delete, which asks first (focus on Keep; Escape keeps it).
import { type KeyboardEvent, useEffect, useRef, useState } from "react";
import type { ActiveReference, ProfileColumn, ReferenceProfile } from "@/lib/charts/drift-settings";
import { formatDateTime, formatInteger, formatPercent } from "@/lib/charts/format";
import { formatBytes } from "@/lib/import/ui";
import { Badge } from "../ui/badge";

const STATUS_TONE = { ready: "good", uploading: "info", failed: "bad" } as const;
const button =
  "rounded-md border border-border px-2.5 py-1 text-xs text-fg hover:bg-surface-2 disabled:opacity-50";

function rowKey(p: ReferenceProfile): string {
  return `${p.name}\u0000${p.status}\u0000${p.createdAt}`;
}

function columnName(c: ProfileColumn): string {
  return c.role === "feature" ? c.name : c.role;
}

function Columns({ profile }: { profile: ReferenceProfile }) {
  if (profile.columns.length === 0) return null;
  return (
    <details className="mt-2 text-xs">
      <summary className="cursor-pointer text-accent hover:underline">
        {profile.columns.length} column{profile.columns.length === 1 ? "" : "s"}
      </summary>
      <div className="mt-1 overflow-x-auto rounded-md border border-border">
        <table className="w-full text-xs" data-testid="reference-columns">
          <caption className="sr-only">Columns of {profile.name}</caption>
          <thead className="border-b border-border text-left text-muted">
            <tr>
              <th scope="col" className="px-2 py-1 font-medium">
                Column
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Role
              </th>
              <th scope="col" className="px-2 py-1 font-medium">
                Type
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Values
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Distinct
              </th>
              <th scope="col" className="px-2 py-1 text-right font-medium">
                Missing
              </th>
            </tr>
          </thead>
          <tbody>
            {profile.columns.map((c) => {
              const total = c.count + c.missing;
              return (
                <tr key={`${c.role}:${c.name}`} className="border-b border-border last:border-0">
                  <th scope="row" className="break-all px-2 py-1 text-left font-mono font-normal">
                    {columnName(c)}
                  </th>
                  <td className="px-2 py-1 text-muted">{c.role}</td>
                  <td className="px-2 py-1">{c.type}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{formatInteger(c.count)}</td>
                  <td
                    className="px-2 py-1 text-right tabular-nums"
                    title={c.unique === null ? "more than the sketch counts exactly" : undefined}
                  >
                    {c.unique === null ? "many" : formatInteger(c.unique)}
                  </td>
                  <td className="px-2 py-1 text-right tabular-nums">
                    {formatInteger(c.missing)}
                    {total > 0 && c.missing > 0 && (
                      <span className="text-muted"> ({formatPercent(c.missing / total)})</span>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </details>
  );
}

export function ReferenceList({
  profiles,
  active,
  canEdit,
  busy,
  onUse,
  onDelete,
}: {
  profiles: readonly ReferenceProfile[];
  active: ActiveReference | null;
  canEdit: boolean;
  /** A settings change is being saved. */
  busy: boolean;
  /** Resolves once it is the reference; rejects with the server's error. */
  onUse: (name: string) => Promise<unknown>;
  /** Resolves once deleted; rejects with the server's error. */
  onDelete: (name: string) => Promise<unknown>;
}) {
  const [confirming, setConfirming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [useError, setUseError] = useState<string | null>(null);
  const keepRef = useRef<HTMLButtonElement | null>(null);
  const deleteButtons = useRef(new Map<string, HTMLButtonElement>());
  const listRef = useRef<HTMLUListElement | null>(null);

  useEffect(() => {
    if (confirming) keepRef.current?.focus();
  }, [confirming]);

  function keep(key: string) {
    setConfirming(null);
    requestAnimationFrame(() => deleteButtons.current.get(key)?.focus());
  }

  async function remove(name: string) {
    setDeleting(true);
    setError(null);
    try {
      await onDelete(name);
      setConfirming(null);
      listRef.current?.focus();
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setDeleting(false);
    }
  }

  if (profiles.length === 0)
    return (
      <p className="text-sm text-muted" data-testid="reference-datasets-empty">
        No datasets uploaded yet.
      </p>
    );

  const activeName = active?.source === "profile" ? active.profile : null;
  return (
    <div className="space-y-2">
      <ul
        ref={listRef}
        tabIndex={-1}
        aria-label="Uploaded reference datasets"
        className="space-y-2 outline-none"
        data-testid="reference-datasets"
      >
        {profiles.map((p) => {
          const key = rowKey(p);
          const isActive = p.status === "ready" && p.name === activeName;
          const others = profiles.filter((o) => o.name === p.name).length > 1;
          return (
            <li
              key={key}
              className="rounded-md border border-border p-3 data-active:border-accent"
              data-active={isActive || undefined}
              data-testid="reference-dataset"
              data-name={p.name}
              data-status={p.status}
            >
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div className="flex min-w-0 flex-wrap items-center gap-1.5">
                  <span className="break-all font-mono text-sm font-medium">{p.name}</span>
                  {isActive && <Badge tone="info">reference</Badge>}
                  <Badge tone={STATUS_TONE[p.status]}>{p.status}</Badge>
                </div>
                {canEdit && confirming !== key && (
                  <div className="flex gap-2">
                    {p.status === "ready" && !isActive && (
                      <button
                        type="button"
                        className={button}
                        disabled={busy}
                        onClick={() => {
                          setUseError(null);
                          onUse(p.name).catch((e: Error) => setUseError(`Not saved: ${e.message}`));
                        }}
                      >
                        Use as reference<span className="sr-only"> ({p.name})</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className={button}
                      ref={(el) => {
                        if (el) deleteButtons.current.set(key, el);
                        else deleteButtons.current.delete(key);
                      }}
                      onClick={() => {
                        setError(null);
                        setConfirming(key);
                      }}
                    >
                      Delete<span className="sr-only"> {p.name}</span>
                    </button>
                  </div>
                )}
              </div>
              <p className="mt-1 text-xs text-muted tabular-nums">
                {formatInteger(p.rows)} row{p.rows === 1 ? "" : "s"} · {formatBytes(p.bytes)} ·{" "}
                {p.format === "csv" ? "CSV" : "JSON lines"} ·{" "}
                {p.status === "uploading" ? "started" : p.status === "failed" ? "failed" : "uploaded"}{" "}
                <time dateTime={p.updatedAt}>{formatDateTime(p.updatedAt)}</time>
              </p>
              {p.status === "failed" && p.error && (
                <p className="mt-1 break-words text-xs text-bad" data-testid="reference-dataset-error">
                  {p.error}
                </p>
              )}
              {p.status === "ready" && <Columns profile={p} />}
              {confirming === key && (
                <fieldset
                  onKeyDown={(e: KeyboardEvent<HTMLFieldSetElement>) => {
                    if (e.key === "Escape") {
                      e.stopPropagation();
                      keep(key);
                    }
                  }}
                  className="mt-2 space-y-2 rounded-md border border-bad/40 bg-bad/10 p-2 text-sm"
                  data-testid="reference-delete-confirm"
                >
                  <legend className="float-left mb-2 w-full">
                    Delete <span className="font-mono">{p.name}</span>
                    {others ? " and every upload of that name" : ""}?
                    {activeName === p.name
                      ? " It is the reference: drift goes back to the first 7 days of predictions."
                      : ""}
                  </legend>
                  <div className="flex flex-wrap gap-2">
                    <button
                      type="button"
                      disabled={deleting}
                      onClick={() => void remove(p.name)}
                      className="rounded-md border border-bad bg-surface px-2.5 py-1 text-xs font-medium text-bad hover:bg-bad/10 disabled:opacity-50"
                    >
                      {deleting ? "Deleting…" : "Delete dataset"}
                    </button>
                    <button
                      ref={keepRef}
                      type="button"
                      disabled={deleting}
                      onClick={() => keep(key)}
                      className={button}
                    >
                      Keep
                    </button>
                  </div>
                  {error && (
                    <p role="alert" className="text-xs text-bad">
                      {error}
                    </p>
                  )}
                </fieldset>
              )}
            </li>
          );
        })}
      </ul>
      {useError && (
        <p role="alert" className="text-sm text-bad">
          {useError}
        </p>
      )}
    </div>
  );
}
