"use client";
// The alerting pages' own navigation: Rules · Silences · Contact points · Notification policy · Notifications ·
// History. Scrolls sideways inside its box on a phone.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

const TABS = [
  {
    href: "/alerting",
    label: "Rules",
    match: (p: string) => p === "/alerting" || p.startsWith("/alerting/rules"),
  },
  { href: "/alerting/silences", label: "Silences" },
  { href: "/alerting/contact-points", label: "Contact points" },
  { href: "/alerting/policy", label: "Notification policy" },
  { href: "/alerting/notifications", label: "Notifications" },
  { href: "/alerting/history", label: "History" },
] as const;

export function AlertingNav() {
  const pathname = usePathname();
  const box = useRef<HTMLElement>(null);
  const current = TABS.find((tab) => ("match" in tab ? tab.match(pathname) : pathname.startsWith(tab.href)));
  const currentHref = current?.href ?? null;
  // On a phone the tabs scroll inside their own box: bring the current one into view.
  useEffect(() => {
    const nav = box.current;
    const link = currentHref ? nav?.querySelector<HTMLElement>(`a[href="${currentHref}"]`) : null;
    if (!nav || !link) return;
    if (
      link.offsetLeft + link.offsetWidth > nav.scrollLeft + nav.clientWidth ||
      link.offsetLeft < nav.scrollLeft
    )
      nav.scrollLeft = link.offsetLeft - 16;
  }, [currentHref]);
  return (
    <nav
      ref={box}
      aria-label="Alerting"
      className="relative -mx-4 mb-4 overflow-x-auto border-b border-border px-4 [scrollbar-width:none]"
    >
      <ul className="flex min-w-max gap-1">
        {TABS.map((tab) => (
          <li key={tab.href}>
            <Link
              href={tab.href}
              aria-current={tab.href === currentHref ? "page" : undefined}
              className="-mb-px inline-block whitespace-nowrap border-b-2 border-transparent px-3 py-2 text-sm text-muted hover:text-fg aria-[current=page]:border-accent aria-[current=page]:font-medium aria-[current=page]:text-fg"
            >
              {tab.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
