// Example host server for a Vigil embed (docs/embeds.md): serves embed-host.html and GET /vigil-embed, which
// returns a fresh {url, token} for the embed — here by asking Vigil (POST /api/v1/embeds/{id}/token with an
// admin API key); a server holding VIGIL_EMBED_SECRET can sign the token itself instead (docs/embeds.md).
// Run: VIGIL_URL=http://localhost:3000 VIGIL_API_KEY=vgl_… VIGIL_EMBED_ID=… node docs/examples/embed-host-server.mjs
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";

const PAGE = readFileSync(fileURLToPath(new URL("./embed-host.html", import.meta.url)), "utf8");

/**
 * Starts the host server. `embedId` is the embed this page shows; a renewal request for any other id is
 * refused, so the page cannot be used to mint tokens for other embeds.
 * @param {{ port: number, host?: string, vigilUrl: string, apiKey: string, embedId: string }} options
 * @returns {Promise<import("node:http").Server>}
 */
export function startHostServer({ port, host = "127.0.0.1", vigilUrl, apiKey, embedId }) {
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
    if (url.pathname === "/" || url.pathname === "/embed-host.html") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8", "cache-control": "no-store" });
      return res.end(PAGE);
    }
    if (url.pathname === "/vigil-embed") {
      const asked = url.searchParams.get("embed");
      if (asked !== null && asked !== embedId) {
        res.writeHead(403, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: "not this page's embed" }));
      }
      try {
        const answer = await fetch(`${vigilUrl}/api/v1/embeds/${encodeURIComponent(embedId)}/token`, {
          method: "POST",
          headers: { authorization: `Bearer ${apiKey}` },
        });
        const body = await answer.text();
        res.writeHead(answer.status, { "content-type": "application/json", "cache-control": "no-store" });
        return res.end(body);
      } catch (error) {
        res.writeHead(502, { "content-type": "application/json" });
        return res.end(JSON.stringify({ error: `Vigil unreachable: ${error.message}` }));
      }
    }
    res.writeHead(404, { "content-type": "text/plain" });
    res.end("not found");
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { VIGIL_URL, VIGIL_API_KEY, VIGIL_EMBED_ID, PORT } = process.env;
  if (!VIGIL_URL || !VIGIL_API_KEY || !VIGIL_EMBED_ID) {
    console.error("set VIGIL_URL, VIGIL_API_KEY (admin scope) and VIGIL_EMBED_ID");
    process.exit(1);
  }
  const port = Number(PORT ?? 8080);
  await startHostServer({ port, vigilUrl: VIGIL_URL, apiKey: VIGIL_API_KEY, embedId: VIGIL_EMBED_ID });
  console.log(`host page on http://127.0.0.1:${port}/ (add it to Vigil's Settings → Embedding)`);
}
