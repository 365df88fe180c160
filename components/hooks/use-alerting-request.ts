"use client";
// Requests that change alerting settings: same-origin JSON (or YAML text for rule-file import), errors as
// ProblemsError carrying the server's {error, problems:[{path, message, line}]} so forms can place them.
import { ApiError, sendJson } from "./fetch-json";

export interface ServerProblem {
  path: string;
  message: string;
  line?: number | null;
}

export class ProblemsError extends ApiError {
  constructor(
    status: number,
    message: string,
    readonly problems: ServerProblem[],
  ) {
    super(status, message);
    this.name = "ProblemsError";
  }
}

function problemsOf(data: unknown): ServerProblem[] {
  if (!data || typeof data !== "object" || !("problems" in data) || !Array.isArray(data.problems)) return [];
  return data.problems.filter(
    (p): p is ServerProblem =>
      !!p && typeof p === "object" && typeof p.message === "string" && typeof (p.path ?? "") === "string",
  );
}

export type Method = "POST" | "PUT" | "PATCH" | "DELETE";

export function sendAlerting<T>(
  method: Method,
  url: string,
  body?: unknown,
  contentType = "application/json",
): Promise<T> {
  return sendJson<T>(method, url, body, {
    contentType,
    errorOf: (status, message, data) => new ProblemsError(status, message, problemsOf(data)),
  });
}
