// The orchestrator's calls to Vigil's API (through the proxy, or to the single-process run's server): JSON in
// and out, an error naming the route, status and answer for anything but 2xx.

export type Api = ReturnType<typeof apiClient>;

export function apiClient(base: string, key: string) {
  const call = async <T>(method: string, path: string, body?: unknown, contentType = "application/json") => {
    const init: RequestInit = { method, headers: { authorization: `Bearer ${key}` } };
    if (body instanceof FormData) init.body = body;
    else if (body !== undefined) {
      init.body = typeof body === "string" ? body : JSON.stringify(body);
      (init.headers as Record<string, string>)["content-type"] = contentType;
    }
    const res = await fetch(`${base}${path}`, { ...init, signal: AbortSignal.timeout(300_000) });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : {}) as T;
  };
  return {
    base,
    get: <T>(path: string) => call<T>("GET", path),
    post: <T>(path: string, body: unknown, contentType?: string) => call<T>("POST", path, body, contentType),
    put: <T>(path: string, body: unknown) => call<T>("PUT", path, body),
    patch: <T>(path: string, body: unknown) => call<T>("PATCH", path, body),
  };
}
