// Shown instead of the import controls' effect to users whose role may not write: only admins can import.
export function AdminNotice({ username, role }: { username: string; role: string }) {
  return (
    <p
      className="rounded-md border border-warn/40 bg-warn/10 px-3 py-2 text-sm text-fg"
      data-testid="import-admin-notice"
    >
      <span className="font-medium">Only admins can import.</span> You are signed in as{" "}
      <span className="font-mono">{username}</span> with the role <span className="font-mono">{role}</span>,
      which can read but not write. Ask an admin to import the file, or send it with an API key that has the{" "}
      <code className="font-mono">ingest</code> scope.
    </p>
  );
}
