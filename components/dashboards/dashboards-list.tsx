"use client";
// The dashboards page: every dashboard with its size and last change, a search over titles, and for editors a
// "New dashboard" form and JSON import.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useDeferredValue, useState } from "react";
import { formatRelativeTime } from "@/lib/charts/format";
import { controlBase, primaryButton } from "../experiments/form-fields";
import { useCreateDashboard, useDashboardList } from "../hooks/use-dashboards";
import { useNow } from "../hooks/use-now";
import { EmptyState } from "../ui/empty-state";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { ImportDashboard } from "./import-dashboard";

function CreateDashboard() {
  const router = useRouter();
  const [title, setTitle] = useState("");
  const create = useCreateDashboard();
  return (
    <form
      className="flex flex-wrap items-center gap-2"
      onSubmit={(e) => {
        e.preventDefault();
        if (!title.trim()) return;
        create.mutate(
          { title: title.trim() },
          { onSuccess: (res) => router.push(`/dashboards/${encodeURIComponent(res.dashboard.uid)}`) },
        );
      }}
    >
      <label htmlFor="new-dashboard-title" className="sr-only">
        Title of the new dashboard
      </label>
      <input
        id="new-dashboard-title"
        className={`${controlBase} w-56`}
        placeholder="Title of a new dashboard"
        value={title}
        onChange={(e) => setTitle(e.target.value)}
        data-testid="new-dashboard-title"
      />
      <button
        type="submit"
        className={primaryButton}
        disabled={!title.trim() || create.isPending}
        data-testid="create-dashboard"
      >
        New dashboard
      </button>
      {create.error && (
        <span role="alert" className="text-sm text-bad">
          {create.error.message}
        </span>
      )}
    </form>
  );
}

export function DashboardsList({ canEdit }: { canEdit: boolean }) {
  const [search, setSearch] = useState("");
  const deferred = useDeferredValue(search.trim());
  const list = useDashboardList(deferred);
  const now = useNow(60_000);
  const rows = list.data?.dashboards ?? [];
  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 lg:flex-row lg:items-end lg:justify-between">
        <div>
          <h1 className="text-xl font-semibold tracking-tight">Dashboards</h1>
          <p className="text-sm text-muted">
            Panels of PromQL queries and Vigil&apos;s own views, arranged on a grid.
          </p>
        </div>
        {canEdit && (
          <div className="flex flex-wrap items-center gap-2">
            <CreateDashboard />
            <ImportDashboard />
          </div>
        )}
      </div>
      <div>
        <label htmlFor="dashboard-search" className="sr-only">
          Search dashboards
        </label>
        <input
          id="dashboard-search"
          type="search"
          className={`${controlBase} w-full max-w-sm`}
          placeholder="Search by title"
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          data-testid="dashboard-search"
        />
      </div>
      {list.error ? (
        <EmptyState title="Could not load the dashboards">
          <p>{list.error.message}.</p>
        </EmptyState>
      ) : !list.data ? (
        <LoadingRegion label="Loading dashboards">
          <Skeleton className="h-40 w-full" />
        </LoadingRegion>
      ) : rows.length === 0 ? (
        <EmptyState title={deferred ? `No dashboard matches "${deferred}"` : "No dashboards yet"}>
          <p>
            {canEdit
              ? "Create one with a title above, or import a JSON file exported from another dashboard."
              : "An editor or admin can create them."}
          </p>
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-border bg-surface shadow-sm">
          <table className="w-full text-sm" data-testid="dashboards-table">
            <caption className="sr-only">Dashboards</caption>
            <thead className="border-b border-border text-left text-xs text-muted">
              <tr>
                <th scope="col" className="px-3 py-2 font-medium">
                  Title
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Panels
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Variables
                </th>
                <th scope="col" className="px-3 py-2 text-right font-medium">
                  Version
                </th>
                <th scope="col" className="px-3 py-2 font-medium">
                  Changed
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((d) => (
                <tr key={d.uid} className="border-b border-border last:border-0" data-testid="dashboard-row">
                  <th scope="row" className="px-3 py-2 text-left font-medium">
                    <Link
                      href={`/dashboards/${encodeURIComponent(d.uid)}`}
                      className="text-accent hover:underline"
                    >
                      {d.title}
                    </Link>
                    <span className="ml-2 font-mono text-xs font-normal text-muted">{d.uid}</span>
                  </th>
                  <td className="px-3 py-2 text-right tabular-nums">{d.panels}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.variables}</td>
                  <td className="px-3 py-2 text-right tabular-nums">{d.version}</td>
                  <td className="px-3 py-2 text-muted">
                    <time dateTime={d.updatedAt}>{formatRelativeTime(d.updatedAt, now)}</time>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
