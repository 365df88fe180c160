import type { Metadata } from "next";
import { requireUser } from "@/app/_server/session";
import { FrameAncestorsSettings } from "@/components/embeds/frame-ancestors-settings";
import { RetentionSettings } from "@/components/settings/retention-settings";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const user = await requireUser("/settings");
  return (
    <div className="space-y-4">
      <h1 className="text-xl font-semibold">Settings</h1>
      <RetentionSettings isAdmin={user.role === "admin"} />
      <FrameAncestorsSettings isAdmin={user.role === "admin"} />
    </div>
  );
}
