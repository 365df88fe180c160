// Every empty state says what to do next.
import type { ReactNode } from "react";

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="rounded-md border border-dashed border-border px-4 py-6 text-sm">
      <p className="font-medium">{title}</p>
      {children && <div className="mt-2 space-y-3 text-muted">{children}</div>}
    </div>
  );
}
