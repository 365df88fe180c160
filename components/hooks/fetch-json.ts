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

/** Session expired: back to the login page, returning here afterwards. */
function loginOnUnauthorized(res: Response): void {
  if (res.status === 401 && typeof window !== "undefined") {
    const here = window.location.pathname + window.location.search;
    window.location.assign(`/login?next=${encodeURIComponent(here)}`);
  }
}

/** The server's own words ({error}) when it sent them. */
function errorMessage(data: unknown, status: number): string {
  return data && typeof data === "object" && "error" in data && typeof data.error === "string"
    ? data.error
    : `Request failed (HTTP ${status})`;
}

export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const res = await fetch(url, {
    credentials: "same-origin",
    headers: { accept: "application/json" },
    signal,
  });
  loginOnUnauthorized(res);
  if (!res.ok) throw new ApiError(res.status, errorMessage(await res.json().catch(() => null), res.status));
  return (await res.json()) as T;
}

export interface SendOptions {
  /** default application/json; a string body is sent as it is (e.g. YAML) */
  contentType?: string;
  /** the error to throw for a failed request (default ApiError with the server's message) */
  errorOf?: (status: number, message: string, data: unknown) => Error;
}

/** A request that changes something (same-origin cookie, JSON answer or 204); errors carry the server's words. */
export async function sendJson<T>(
  method: "POST" | "PUT" | "PATCH" | "DELETE",
  url: string,
  body?: unknown,
  opts: SendOptions = {},
): Promise<T> {
  const res = await fetch(url, {
    method,
    credentials: "same-origin",
    headers: {
      accept: "application/json",
      ...(body === undefined ? {} : { "content-type": opts.contentType ?? "application/json" }),
    },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  loginOnUnauthorized(res);
  const data: unknown = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    const message = errorMessage(data, res.status);
    throw opts.errorOf ? opts.errorOf(res.status, message, data) : new ApiError(res.status, message);
  }
  return data as T;
}

/** Do not retry client errors (404 for an unknown model, 401…); retry server errors once. */
export function retryServerErrors(failureCount: number, error: Error): boolean {
  if (error instanceof ApiError && error.status < 500) return false;
  return failureCount < 1;
}
