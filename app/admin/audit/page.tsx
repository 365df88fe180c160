import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { AuditView } from "@/components/admin/audit-view";
import { Forbidden } from "@/components/admin/forbidden";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage() {
  const { user, admin } = await requireAdmin("/admin/audit");
  if (!admin) return <Forbidden role={user.role} />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminNav />
      <AuditView />
    </div>
  );
}
