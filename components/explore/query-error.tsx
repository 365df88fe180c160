// An API error under the editor: the message, and when it names a position, the line with a caret.
import { caretExcerpt, type ErrorSpot } from "@/lib/charts/prom-error";
import { AlertIcon } from "../icons";

export function QueryError({
  message,
  query,
  spot,
}: {
  message: string;
  query: string;
  spot: ErrorSpot | null;
}) {
  const excerpt = spot ? caretExcerpt(query, spot) : null;
  return (
    <div
      role="alert"
      data-testid="query-error"
      className="rounded-md border border-bad/40 bg-bad/10 px-3 py-2 text-sm text-bad"
    >
      <p className="flex items-start gap-2">
        <AlertIcon className="mt-0.5 shrink-0" />
        <span className="min-w-0 break-words">{message}</span>
      </p>
      {excerpt && (
        <pre aria-hidden="true" className="mt-2 overflow-x-auto font-mono text-xs leading-snug text-fg">
          {excerpt.line}
          {"\n"}
          <span className="text-bad">{excerpt.caret}</span>
        </pre>
      )}
    </div>
  );
}
