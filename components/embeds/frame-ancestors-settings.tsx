"use client";
// Settings → Embedding: the sites allowed to put Vigil's embed pages in an iframe (CSP frame-ancestors,
// docs/embeds.md). Admins edit the list, one origin a line; everyone else reads it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useEffect, useState } from "react";
import { sendJson } from "../hooks/fetch-json";
import { Panel } from "../ui/panel";
import { FRAME_ANCESTORS_KEY, useFrameAncestors } from "./use-embeds";

interface FrameAncestors {
  origins: string[];
  directive: string;
}

export function FrameAncestorsSettings({ isAdmin }: { isAdmin: boolean }) {
  const client = useQueryClient();
  const current = useFrameAncestors();
  const [draft, setDraft] = useState("");
  useEffect(() => {
    if (current.data) setDraft(current.data.origins.join("\n"));
  }, [current.data]);

  const save = useMutation({
    mutationFn: (origins: string[]) =>
      sendJson<FrameAncestors>("PUT", "/api/v1/embeds/frame-ancestors", { origins }),
    onSuccess: (data) => client.setQueryData(FRAME_ANCESTORS_KEY, data),
  });

  function submit(e: FormEvent) {
    e.preventDefault();
    save.mutate(
      draft
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    );
  }

  return (
    <Panel
      title="Embedding"
      description="Sites allowed to show Vigil's embedded panels and dashboards in an iframe. Every other site is refused by the browser (Content-Security-Policy frame-ancestors); Vigil itself always may."
      testId="frame-ancestors-settings"
    >
      {current.error && (
        <p role="alert" className="text-sm text-bad">
          {current.error.message}
        </p>
      )}
      <form onSubmit={submit} aria-label="Embedding settings" className="space-y-2">
        <label htmlFor="frame-ancestors" className="block text-xs font-medium text-muted">
          Allowed sites, one origin a line (https://portal.example.com, http://localhost:8080,
          https://*.example.com)
        </label>
        <textarea
          id="frame-ancestors"
          rows={4}
          value={draft}
          disabled={!isAdmin}
          onChange={(e) => setDraft(e.target.value)}
          spellCheck={false}
          className="w-full max-w-xl rounded border border-border bg-surface px-2 py-1 font-mono text-sm"
          placeholder="https://portal.example.com"
        />
        {current.data && (
          <p className="text-xs text-muted">
            Embed pages are served with{" "}
            <code className="break-all">frame-ancestors {current.data.directive}</code>
          </p>
        )}
        {save.error && (
          <p role="alert" className="text-sm text-bad">
            {save.error.message}
          </p>
        )}
        {isAdmin ? (
          <button
            type="submit"
            disabled={save.isPending}
            className="rounded-md bg-accent px-3 py-1.5 text-sm font-medium text-accent-fg disabled:opacity-60"
          >
            {save.isPending ? "Saving…" : "Save allowed sites"}
          </button>
        ) : (
          <p className="text-xs text-muted">Only an admin can change this list.</p>
        )}
        {save.isSuccess && !save.isPending && (
          <p role="status" className="text-xs text-good">
            Saved. Embed pages use the new list within a few seconds.
          </p>
        )}
      </form>
    </Panel>
  );
}
