"use client";
// Top navigation: product name, page links, theme toggle and logout. Hidden links on /login.
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useState } from "react";
import { LogOutIcon, LogoIcon } from "./icons";
import { ThemeToggle } from "./theme-toggle";

export function TopNav() {
  const pathname = usePathname();
  const router = useRouter();
  const [leaving, setLeaving] = useState(false);
  const onLogin = pathname === "/login";

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

  return (
    <header className="sticky top-0 z-10 border-b border-border bg-surface/90 backdrop-blur">
      <nav aria-label="Main" className="mx-auto flex h-12 max-w-7xl items-center gap-1 px-4 sm:gap-4">
        <Link href="/" className="flex items-center gap-2 font-semibold tracking-tight text-fg">
          <LogoIcon className="text-accent" width={20} height={20} />
          Vigil
        </Link>
        {!onLogin && (
          <Link
            href="/"
            aria-current={pathname === "/" ? "page" : undefined}
            className="rounded-md px-2 py-1 text-sm text-muted hover:text-fg aria-[current=page]:text-fg aria-[current=page]:font-medium"
          >
            Overview
          </Link>
        )}
        {!onLogin && (
          <Link
            href="/explore"
            aria-current={pathname === "/explore" ? "page" : undefined}
            className="rounded-md px-2 py-1 text-sm text-muted hover:text-fg aria-[current=page]:text-fg aria-[current=page]:font-medium"
          >
            Explore
          </Link>
        )}
        {/* Below 640 px the row has no room left for a fifth link (it fills 390 px exactly). */}
        {!onLogin && (
          <Link
            href="/experiments"
            aria-current={pathname.startsWith("/experiments") ? "page" : undefined}
            className="hidden rounded-md px-2 py-1 text-sm sm:inline text-muted hover:text-fg aria-[current=page]:text-fg aria-[current=page]:font-medium"
          >
            Experiments
          </Link>
        )}
        {!onLogin && (
          <Link
            href="/import"
            aria-current={pathname === "/import" ? "page" : undefined}
            className="rounded-md px-2 py-1 text-sm text-muted hover:text-fg aria-[current=page]:text-fg aria-[current=page]:font-medium"
          >
            Import
          </Link>
        )}
        <div className="ml-auto flex items-center gap-2">
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
