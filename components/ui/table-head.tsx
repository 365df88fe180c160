// A table's header row: column names (numeric columns right-aligned) and, when rows have actions, a hidden
// "Actions" column header for screen readers.
export function TableHead({
  headers,
  numeric = [],
  actions = false,
}: {
  headers: readonly string[];
  numeric?: readonly string[];
  actions?: boolean;
}) {
  return (
    <thead className="border-b border-border text-left text-xs text-muted">
      <tr>
        {headers.map((h) => (
          <th
            key={h}
            scope="col"
            className={`px-3 py-2 font-medium ${numeric.includes(h) ? "text-right" : ""}`}
          >
            {h}
          </th>
        ))}
        {actions && (
          <th scope="col" className="px-3 py-2 font-medium">
            <span className="sr-only">Actions</span>
          </th>
        )}
      </tr>
    </thead>
  );
}
