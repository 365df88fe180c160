"use client";
// The API keys: prefix (to recognise one), name, scope, creator, creation, last use, expiry and state; revoking
// asks first.
import { useState } from "react";
import { formatDateTime } from "@/lib/charts/format";
import { ConfirmButton } from "../experiments/form-fields";
import { Badge } from "../ui/badge";
import type { ApiKeyRow } from "./admin-types";
import { useRevokeApiKey } from "./use-admin";

function stateOf(key: ApiKeyRow, now: number): { label: string; tone: "good" | "bad" | "muted" } {
  if (key.revokedAt) return { label: "revoked", tone: "bad" };
  if (key.expiresAt && Date.parse(key.expiresAt) <= now) return { label: "expired", tone: "muted" };
  return { label: "active", tone: "good" };
}

function KeyRow({ apiKey, now }: { apiKey: ApiKeyRow; now: number }) {
  const revoke = useRevokeApiKey();
  const [confirming, setConfirming] = useState(false);
  const state = stateOf(apiKey, now);
  return (
    <tr className="border-b border-border align-top" data-testid={`api-key-${apiKey.prefix}`}>
      <td className="py-2 pr-3 font-mono text-xs">{apiKey.prefix}…</td>
      <td className="py-2 pr-3 font-medium">{apiKey.name}</td>
      <td className="py-2 pr-3">
        <Badge tone="info">{apiKey.scope}</Badge>
      </td>
      <td className="py-2 pr-3 text-muted">
        {apiKey.createdBy ?? "CLI"} · {formatDateTime(apiKey.createdAt)}
      </td>
      <td className="py-2 pr-3 text-muted">
        {apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : "never"}
      </td>
      <td className="py-2 pr-3 text-muted">
        {apiKey.expiresAt ? formatDateTime(apiKey.expiresAt) : "never"}
      </td>
      <td className="py-2 pr-3">
        <Badge tone={state.tone}>{state.label}</Badge>
      </td>
      <td className="py-2">
        {state.label !== "revoked" && (
          <ConfirmButton
            label="Revoke"
            question={`Revoke "${apiKey.name}"? Requests with it are refused from now on.`}
            confirmLabel="Revoke key"
            danger
            busy={revoke.isPending}
            open={confirming}
            onOpenChange={setConfirming}
            onConfirm={() => revoke.mutate(apiKey.id, { onSettled: () => setConfirming(false) })}
            testId={`revoke-${apiKey.prefix}`}
          />
        )}
        {revoke.error && (
          <p role="alert" className="mt-1 text-xs text-bad">
            {revoke.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}

export function ApiKeysTable({ apiKeys }: { apiKeys: ApiKeyRow[] }) {
  const now = Date.now();
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-sm">
        <thead>
          <tr className="border-b border-border text-left text-xs text-muted">
            <th scope="col" className="py-2 pr-3 font-medium">
              Key
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Name
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Scope
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Created
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Last used
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              Expires
            </th>
            <th scope="col" className="py-2 pr-3 font-medium">
              State
            </th>
            <th scope="col" className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {apiKeys.map((k) => (
            <KeyRow key={k.id} apiKey={k} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
