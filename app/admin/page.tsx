import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Forbidden } from "@/components/admin/forbidden";
import { requireAdmin } from "./admin-session";

export const metadata: Metadata = { title: "Administration" };

export default async function AdminPage() {
  const { user, admin } = await requireAdmin("/admin");
  if (!admin) return <Forbidden role={user.role} />;
  redirect("/admin/users");
}
