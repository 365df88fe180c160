"use client";
// Administration → API keys: create one (shown once), and the list with last use and revocation.
import { EmptyState } from "../ui/empty-state";
import { Panel } from "../ui/panel";
import { LoadingRegion, Skeleton } from "../ui/skeleton";
import { ApiKeyForm } from "./api-key-form";
import { ApiKeysTable } from "./api-keys-table";
import { useApiKeys } from "./use-admin";

export function ApiKeysView() {
  const keys = useApiKeys();
  const list = keys.data?.apiKeys;
  return (
    <div className="space-y-4">
      <Panel
        title="Create an API key"
        description="For services that send data (ingest), dashboards and scripts that read (read), and automation (admin). Send it as Authorization: Bearer <key>."
      >
        <ApiKeyForm />
      </Panel>
      <Panel
        title="API keys"
        description="Last use is updated at most once a minute. A revoked or expired key gets 401."
      >
        {keys.error ? (
          <p role="alert" className="text-sm text-bad">
            {keys.error.message}
          </p>
        ) : !list ? (
          <LoadingRegion label="Loading API keys">
            <Skeleton className="h-24 w-full" />
          </LoadingRegion>
        ) : list.length === 0 ? (
          <EmptyState title="No API keys yet">
            <p>Create one above, or with `npm run vigil -- apikey create --name N --scope ingest`.</p>
          </EmptyState>
        ) : (
          <ApiKeysTable apiKeys={list} />
        )}
      </Panel>
    </div>
  );
}
