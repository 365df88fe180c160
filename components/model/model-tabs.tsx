"use client";
// The model page's tabs (Quality, Drift, Shadows, Serving): WAI-ARIA tabs with a roving tabindex — Tab reaches the selected tab,
// arrow keys / Home / End move between tabs and select them. The tab lives in the URL (`?tab=drift`).
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { MODEL_TABS, type ModelTab, TAB_LABELS, tabSearch } from "@/lib/charts/drift";
import { servingSearch } from "@/lib/charts/serving";

export const tabId = (t: ModelTab) => `model-tab-${t}`;
export const tabPanelId = (t: ModelTab) => `model-panel-${t}`;

export function ModelTabs({ tab }: { tab: ModelTab }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const buttons = useRef<Partial<Record<ModelTab, HTMLButtonElement | null>>>({});

  function select(next: ModelTab) {
    if (next === tab) return;
    const search = tabSearch(params.toString(), { tab: next, feature: null, shadow: null });
    // The Serving tab's source and endpoint choices live only on that tab, as `feature` does on Drift.
    const clean = next === "serving" ? search : servingSearch(search, { source: null, endpoint: null });
    router.push(`${pathname}?${clean}`, { scroll: false });
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, current: ModelTab) {
    const i = MODEL_TABS.indexOf(current);
    const n = MODEL_TABS.length;
    const target =
      e.key === "ArrowRight"
        ? MODEL_TABS[(i + 1) % n]
        : e.key === "ArrowLeft"
          ? MODEL_TABS[(i - 1 + n) % n]
          : e.key === "Home"
            ? MODEL_TABS[0]
            : e.key === "End"
              ? MODEL_TABS[n - 1]
              : null;
    if (!target) return;
    e.preventDefault();
    buttons.current[target]?.focus();
    select(target);
  }

  return (
    <div role="tablist" aria-label="Model page sections" className="flex gap-1 border-b border-border">
      {MODEL_TABS.map((t) => (
        <button
          key={t}
          ref={(el) => {
            buttons.current[t] = el;
          }}
          type="button"
          role="tab"
          id={tabId(t)}
          aria-selected={t === tab}
          aria-controls={t === tab ? tabPanelId(t) : undefined}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => select(t)}
          onKeyDown={(e) => onKeyDown(e, t)}
          className="-mb-px rounded-t-md border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted hover:text-fg aria-selected:border-accent aria-selected:text-fg"
          data-testid={`tab-${t}`}
        >
          {TAB_LABELS[t]}
        </button>
      ))}
    </div>
  );
}

/** The selected tab's content; only the selected panel is rendered. */
export function ModelTabPanel({ tab, children }: { tab: ModelTab; children: ReactNode }) {
  return (
    <div role="tabpanel" id={tabPanelId(tab)} aria-labelledby={tabId(tab)} className="space-y-4">
      {children}
    </div>
  );
}
