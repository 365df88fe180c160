import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { ApiKeysView } from "@/components/admin/api-keys-view";
import { Forbidden } from "@/components/admin/forbidden";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  const { user, admin } = await requireAdmin("/admin/api-keys");
  if (!admin) return <Forbidden role={user.role} />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminNav />
      <ApiKeysView />
    </div>
  );
}
