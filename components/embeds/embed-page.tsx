// The server half of an embed page: opens the token, then renders the embed (client) or why it cannot be
// shown. The theme comes from the token, applied before the first paint; "transparent" lets the host page
// show through. No cookie is read here (proxy.ts removes it before the page runs).
import "server-only";
import { loadEmbedPage } from "@/lib/embeds/page";
import type { EmbedTheme } from "@/lib/embeds/schemas";
import { getDatabase } from "@/lib/runtime/instance";
import { EmbedView } from "./embed-view";

/** Sets data-theme on <html> (the root layout's script chose one from the viewer's settings; the token wins). */
function ThemeOverride({ theme }: { theme: EmbedTheme }) {
  const dataTheme = theme === "dark" ? "dark" : "light";
  return (
    <>
      <script
        // biome-ignore lint/security/noDangerouslySetInnerHtml: constant script; the theme is one of three fixed values
        dangerouslySetInnerHTML={{
          __html: `document.documentElement.setAttribute("data-theme","${dataTheme}")`,
        }}
      />
      {theme === "transparent" && <style>{"html,body{background:transparent!important}"}</style>}
    </>
  );
}

export async function EmbedPageView({
  uid,
  panelId,
  token,
}: {
  uid: string;
  panelId?: string;
  token: string | null;
}) {
  const page = await loadEmbedPage(await getDatabase(), { uid, panelId, token });
  if (page.kind === "refused")
    return (
      <div className="flex h-full items-center justify-center p-4" data-testid="embed-refused">
        <ThemeOverride theme={page.theme} />
        <div className="max-w-md text-center">
          <p className="font-semibold">{page.title}</p>
          <p className="mt-1 text-sm text-muted">{page.message}</p>
        </div>
      </div>
    );
  return (
    <>
      <ThemeOverride theme={page.data.theme} />
      <EmbedView data={page.data} />
    </>
  );
}
