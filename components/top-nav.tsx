"use client";
// Top navigation: product name, page links, theme toggle and logout. Hidden links on /login.
// On a phone the link row does not fit beside the logo and buttons: it scrolls sideways inside its own box
// (the page itself never does), fades out at its right edge to show there is more, and brings the current
// page's link into view.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useCurrentUser } from "./auth/use-current-user";
import { LogOutIcon, LogoIcon } from "./icons";
import { ThemeToggle } from "./theme-toggle";

const LINKS: ReadonlyArray<{ href: string; label: string; exact: boolean }> = [
  { href: "/", label: "Overview", exact: true },
  { href: "/explore", label: "Explore", exact: true },
  { href: "/dashboards", label: "Dashboards", exact: false },
  { href: "/experiments", label: "Experiments", exact: false },
  { href: "/cluster", label: "Cluster", exact: true },
  { href: "/alerting", label: "Alerting", exact: false },
  { href: "/import", label: "Import", exact: true },
];

/** Shown to admins only (the pages check again on the server). */
const ADMIN_LINK = { href: "/admin", label: "Admin", exact: false };

function isCurrent(pathname: string, link: { href: string; exact: boolean }): boolean {
  return link.exact ? pathname === link.href : pathname === link.href || pathname.startsWith(`${link.href}/`);
}

export function TopNav() {
  const pathname = usePathname();
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const row = useRef<HTMLDivElement>(null);
  // The sign-in page and the invite/reset links are for people who are not signed in (yet).
  const onLogin = pathname === "/login" || /^\/(invite|reset)\//.test(pathname);
  const me = useCurrentUser(!onLogin && !pathname.startsWith("/embed/"));
  const links = me?.role === "admin" ? [...LINKS, ADMIN_LINK] : LINKS;
  const currentHref = links.find((link) => isCurrent(pathname, link))?.href ?? null;

  // Scroll the row (only the row) so the current page's link is visible on a narrow screen.
  useEffect(() => {
    const box = row.current;
    if (!box || currentHref === null) return;
    const current = box.querySelector<HTMLElement>(`a[href="${currentHref}"]`);
    if (!current) return;
    const left = current.offsetLeft - box.offsetLeft;
    if (left < box.scrollLeft || left + current.offsetWidth > box.scrollLeft + box.clientWidth)
      box.scrollLeft = left - 8;
  }, [currentHref]);

  async function logout() {
    setLeaving(true);
    try {
      await fetch("/api/auth/logout", { method: "POST", credentials: "same-origin" });
    } finally {
      router.replace("/login");
      router.refresh();
      setLeaving(false);
    }
  }

  // Embed pages (/embed/*) are framed by other sites: no app chrome there.
  if (pathname.startsWith("/embed/")) return null;

  return (
    <header className="sticky top-0 z-10 border-b border-border bg-surface/90 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-12 max-w-7xl items-center gap-2 px-4 sm:gap-4">
        <Link href="/" className="flex shrink-0 items-center gap-2 font-semibold tracking-tight text-fg">
          <LogoIcon className="text-accent" width={20} height={20} />
          Vigil
        </Link>
        {!onLogin && (
          <div
            ref={row}
            data-testid="nav-links"
            className="flex min-w-0 flex-1 items-center gap-1 overflow-x-auto [scrollbar-width:none] [mask-image:linear-gradient(to_right,transparent,black_12px,black_85%,transparent)] sm:gap-2 sm:[mask-image:none] [&::-webkit-scrollbar]:hidden"
          >
            {links.map((link) => (
              <Link
                key={link.href}
                href={link.href}
                aria-current={isCurrent(pathname, link) ? "page" : undefined}
                className="shrink-0 whitespace-nowrap rounded-md px-2 py-1 text-sm text-muted hover:text-fg aria-[current=page]:text-fg aria-[current=page]:font-medium"
              >
                {link.label}
              </Link>
            ))}
            {/* Room to scroll the last link clear of the fade. */}
            <span aria-hidden="true" className="w-6 shrink-0 sm:hidden" />
          </div>
        )}
        <div className="ml-auto flex shrink-0 items-center gap-2">
          <ThemeToggle />
          {!onLogin && (
            <button
              type="button"
              onClick={logout}
              disabled={leaving}
              className="inline-flex h-8 items-center gap-1.5 rounded-md border border-border px-2.5 text-sm text-muted hover:bg-surface-2 hover:text-fg disabled:opacity-60"
            >
              <LogOutIcon />
              <span className="sr-only sm:not-sr-only">Log out</span>
            </button>
          )}
        </div>
      </nav>
    </header>
  );
}
