// Recent queries (localStorage): click one to load and run it.
export function QueryHistory({
  history,
  onPick,
  onClear,
  defaultOpen,
}: {
  history: string[];
  onPick: (q: string) => void;
  onClear: () => void;
  defaultOpen: boolean;
}) {
  if (history.length === 0) return null;
  return (
    <details open={defaultOpen} className="group text-sm" data-testid="query-history">
      <summary className="cursor-pointer select-none text-xs text-muted hover:text-fg">
        Recent queries ({history.length})
      </summary>
      <div className="mt-1 rounded-md border border-border bg-surface">
        <ul className="max-h-56 overflow-y-auto py-1">
          {history.map((q) => (
            <li key={q}>
              <button
                type="button"
                onClick={() => onPick(q)}
                className="block w-full truncate px-3 py-1 text-left font-mono text-xs hover:bg-surface-2 focus-visible:bg-surface-2"
                title={q}
              >
                {q}
              </button>
            </li>
          ))}
        </ul>
        <div className="border-t border-border px-3 py-1 text-right">
          <button type="button" onClick={onClear} className="text-xs text-muted hover:text-fg">
            Clear history
          </button>
        </div>
      </div>
    </details>
  );
}
