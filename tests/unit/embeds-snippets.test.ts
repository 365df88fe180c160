// The signing snippets make tokens Vigil accepts: the fixture holds tokens printed by the Python and Node
// snippets when run for real (tests/fixtures/embeds/make-signing-fixtures.ts); the iframe snippet escapes.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  embedPath,
  embedUrl,
  iframeSnippet,
  nodeSigningSnippet,
  pythonSigningSnippet,
} from "@/lib/embeds/snippet";
import { verifyEmbedToken } from "@/lib/embeds/token";
import {
  EXAMPLE_GRANT,
  EXAMPLE_PUBLIC_URL,
  EXAMPLE_SECRET,
  EXAMPLE_TTL,
} from "../fixtures/embeds/signing-example";

const fixture = JSON.parse(readFileSync("tests/fixtures/embeds/signing-tokens.json", "utf8")) as {
  python: { snippet: string; url: string };
  node: { snippet: string; url: string };
};

describe("server-side signing snippets", () => {
  it("are the snippets the fixture ran (regenerate it after changing them)", () => {
    expect(pythonSigningSnippet(EXAMPLE_GRANT, EXAMPLE_PUBLIC_URL, EXAMPLE_TTL)).toBe(fixture.python.snippet);
    expect(nodeSigningSnippet(EXAMPLE_GRANT, EXAMPLE_PUBLIC_URL, EXAMPLE_TTL)).toBe(fixture.node.snippet);
  });

  for (const lang of ["python", "node"] as const) {
    it(`${lang}: prints an embed URL whose token Vigil's verifier accepts with the same claims`, async () => {
      const url = new URL(fixture[lang].url);
      expect(url.origin + url.pathname).toBe(`${EXAMPLE_PUBLIC_URL}/embed/d/recsys-overview/p/accuracy`);
      const token = url.searchParams.get("token")!;
      const iat = JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString()).iat as number;
      const result = await verifyEmbedToken(token, { current: EXAMPLE_SECRET }, iat * 1000 + 1000);
      expect(result).toEqual({ ok: true, claims: { ...EXAMPLE_GRANT, iat, exp: iat + EXAMPLE_TTL } });
      expect(
        await verifyEmbedToken(token, { current: EXAMPLE_SECRET }, (iat + EXAMPLE_TTL + 1) * 1000),
      ).toEqual({
        ok: false,
        reason: "expired",
      });
    });
  }

  it("are the ones docs/embeds.md shows", () => {
    const docs = readFileSync("docs/embeds.md", "utf8");
    expect(docs).toContain(fixture.python.snippet.trim());
    expect(docs).toContain(fixture.node.snippet.trim());
  });
});

describe("embed URL and iframe snippet", () => {
  it("point at the panel or dashboard page with the token", () => {
    expect(embedPath({ dashboard: "d1" })).toBe("/embed/d/d1");
    expect(embedPath({ dashboard: "d1", panel: "p-2" })).toBe("/embed/d/d1/p/p-2");
    expect(embedUrl("https://v.example.com/", { dashboard: "d1" }, "a.b.c")).toBe(
      "https://v.example.com/embed/d/d1?token=a.b.c",
    );
  });

  it("escapes the title and URL", () => {
    const html = iframeSnippet({ url: 'https://v/x?a=1&b="2"', title: '<img src=x onerror=alert(1)>"' });
    expect(html).toContain('src="https://v/x?a=1&amp;b=&quot;2&quot;"');
    expect(html).toContain('title="&lt;img src=x onerror=alert(1)&gt;&quot;"');
    expect(html).not.toMatch(/<img/);
  });
});
