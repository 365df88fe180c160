"use client";
// A new embed: the iframe snippet to copy, a live preview, how long the token lasts and how to keep it fresh,
// and the code that signs tokens on the host's own server (Node, Python).
import Link from "next/link";
import { useState } from "react";
import { formatDateTime } from "@/lib/charts/format";
import { CodeBlock } from "../ui/code-block";
import type { CreatedEmbed } from "./use-embeds";

export function EmbedResult({ created, allowed }: { created: CreatedEmbed; allowed: string[] | null }) {
  const [lang, setLang] = useState<"node" | "python">("node");
  return (
    <section
      className="space-y-3 rounded-md border border-border p-3"
      aria-label="The new embed"
      data-testid="share-result"
    >
      <div>
        <h3 className="text-sm font-semibold">Iframe snippet</h3>
        <p className="text-xs text-muted">
          Its token works until {formatDateTime(created.expiresAt)}. A page that keeps the embed open longer
          answers its renewal requests (docs/embeds.md); a page rendered by your server signs a fresh token
          each time.
        </p>
      </div>
      <CodeBlock code={created.snippet} label="Copy snippet" />
      {allowed !== null && (
        <p className="text-xs text-muted" data-testid="share-allowed">
          {allowed.length === 0 ? (
            <>No other site may frame embeds yet: </>
          ) : (
            <>Sites allowed to frame it: {allowed.join(", ")}. </>
          )}
          <Link href="/settings" className="text-accent underline">
            Settings → Embedding
          </Link>
        </p>
      )}
      <details>
        <summary className="cursor-pointer text-sm font-medium">Preview</summary>
        <iframe
          src={created.url}
          title="Embed preview"
          className="mt-2 h-80 w-full rounded border border-border"
          data-testid="share-preview"
        />
      </details>
      <details>
        <summary className="cursor-pointer text-sm font-medium">Sign tokens on your server</summary>
        <p className="mt-1 text-xs text-muted">
          With the server's <code>VIGIL_EMBED_SECRET</code>, your backend makes tokens for this embed itself
          (one per page view, or per tenant with other locked values).
        </p>
        <div className="mt-2 flex gap-2" role="tablist" aria-label="Language">
          {(["node", "python"] as const).map((l) => (
            <button
              key={l}
              type="button"
              role="tab"
              aria-selected={lang === l}
              className={`rounded px-2 py-1 text-xs ${lang === l ? "bg-surface-2 font-medium" : "text-muted"}`}
              onClick={() => setLang(l)}
            >
              {l === "node" ? "Node.js (jose)" : "Python"}
            </button>
          ))}
        </div>
        <div className="mt-2">
          <CodeBlock code={created.signing[lang]} />
        </div>
      </details>
    </section>
  );
}
