// GET helper for the dashboard's own API: same-origin cookie, typed JSON, errors with status.

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal,
  });
  if (res.status === 401 && typeof window !== "undefined") {
    // Session expired: back to the login page, returning here afterwards.
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
  if (!res.ok) {
    const body: unknown = await res.json().catch(() => null);
    const message =
      body && typeof body === "object" && "error" in body && typeof body.error === "string"
        ? body.error
        : `Request failed (HTTP ${res.status})`;
    throw new ApiError(res.status, message);
  }
  return (await res.json()) as T;
}

/** Do not retry client errors (404 for an unknown model, 401…); retry server errors once. */
export function retryServerErrors(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}
