"use client";
// The model page's tabs with Shadows added (Quality, Drift, Shadows): the same WAI-ARIA tabs as the Drift tab's
// ModelTabs (roving tabindex; arrow keys / Home / End move and select; `?tab=` in the URL), the same ids and
// test ids, so the other tabs' links and tests are unchanged.
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { type KeyboardEvent, type ReactNode, useRef } from "react";
import { PAGE_TAB_LABELS, PAGE_TABS, type PageTab, pageTabSearch } from "@/lib/charts/shadow";

export const pageTabId = (t: PageTab) => `model-tab-${t}`;
export const pageTabPanelId = (t: PageTab) => `model-panel-${t}`;

export function PageTabs({ tab }: { tab: PageTab }) {
  const router = useRouter();
  const pathname = usePathname();
  const params = useSearchParams();
  const buttons = useRef<Partial<Record<PageTab, HTMLButtonElement | null>>>({});

  function select(next: PageTab) {
    if (next === tab) return;
    router.push(
      `${pathname}?${pageTabSearch(params.toString(), { tab: next, feature: null, shadow: null })}`,
      {
        scroll: false,
      },
    );
  }

  function onKeyDown(e: KeyboardEvent<HTMLButtonElement>, current: PageTab) {
    const i = PAGE_TABS.indexOf(current);
    const n = PAGE_TABS.length;
    const target =
      e.key === "ArrowRight"
        ? PAGE_TABS[(i + 1) % n]
        : e.key === "ArrowLeft"
          ? PAGE_TABS[(i - 1 + n) % n]
          : e.key === "Home"
            ? PAGE_TABS[0]
            : e.key === "End"
              ? PAGE_TABS[n - 1]
              : null;
    if (!target) return;
    e.preventDefault();
    buttons.current[target]?.focus();
    select(target);
  }

  return (
    <div role="tablist" aria-label="Model page sections" className="flex gap-1 border-b border-border">
      {PAGE_TABS.map((t) => (
        <button
          key={t}
          ref={(el) => {
            buttons.current[t] = el;
          }}
          type="button"
          role="tab"
          id={pageTabId(t)}
          aria-selected={t === tab}
          aria-controls={t === tab ? pageTabPanelId(t) : undefined}
          tabIndex={t === tab ? 0 : -1}
          onClick={() => select(t)}
          onKeyDown={(e) => onKeyDown(e, t)}
          className="-mb-px rounded-t-md border-b-2 border-transparent px-3 py-2 text-sm font-medium text-muted hover:text-fg aria-selected:border-accent aria-selected:text-fg"
          data-testid={`tab-${t}`}
        >
          {PAGE_TAB_LABELS[t]}
        </button>
      ))}
    </div>
  );
}

export function PageTabPanel({ tab, children }: { tab: PageTab; children: ReactNode }) {
  return (
    <div role="tabpanel" id={pageTabPanelId(tab)} aria-labelledby={pageTabId(tab)} className="space-y-4">
      {children}
    </div>
  );
}
