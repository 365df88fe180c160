import type { Metadata } from "next";
import { AdminNav } from "@/components/admin/admin-nav";
import { Forbidden } from "@/components/admin/forbidden";
import { UsersView } from "@/components/admin/users-view";
import { requireAdmin } from "../admin-session";

export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const { user, admin } = await requireAdmin("/admin/users");
  if (!admin) return <Forbidden role={user.role} />;
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Administration</h1>
      <AdminNav />
      <UsersView me={user.username} />
    </div>
  );
}
