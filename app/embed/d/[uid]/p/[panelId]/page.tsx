// One panel of a dashboard, embedded with a signed token (?token=): docs/embeds.md.
import { EmbedPageView } from "@/components/embeds/embed-page";

export default async function EmbedPanelPage({
  params,
  searchParams,
}: {
  params: Promise<{ uid: string; panelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid, panelId } = await params;
  const { token } = await searchParams;
  return <EmbedPageView uid={uid} panelId={panelId} token={typeof token === "string" ? token : null} />;
}
