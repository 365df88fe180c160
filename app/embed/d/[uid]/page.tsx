// A whole dashboard, embedded with a signed token (?token=): docs/embeds.md.
import { EmbedPageView } from "@/components/embeds/embed-page";

export default async function EmbedDashboardPage({
  params,
  searchParams,
}: {
  params: Promise<{ uid: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { uid } = await params;
  const { token } = await searchParams;
  return <EmbedPageView uid={uid} token={typeof token === "string" ? token : null} />;
}
