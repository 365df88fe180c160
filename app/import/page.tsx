import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { ImportView } from "@/components/import/import-view";

export const metadata: Metadata = { title: "Import" };

export default async function ImportPage() {
  const user = await requireUser("/import");
  return <ImportView username={user.username} role={user.role} />;
}
