// The framing allow-list: what an admin may enter, the CSP directive it becomes, and origin matching.
import { describe, expect, it } from "vitest";
import { frameAncestorsDirective, frameAncestorsInput, originAllowed } from "@/lib/embeds/frame-ancestors";
import { contentSecurityPolicy } from "@/lib/http/csp.mjs";

describe("frameAncestorsInput", () => {
  it("accepts origins and wildcard subdomains, normalised and de-duplicated", () => {
    expect(
      frameAncestorsInput.parse([
        "https://Portal.Example.com/",
        "http://localhost:8080",
        "https://*.example.org",
        "http://127.0.0.1:3101",
        "https://portal.example.com",
        "https://x.example.com:*",
      ]),
    ).toEqual([
      "https://portal.example.com",
      "http://localhost:8080",
      "https://*.example.org",
      "http://127.0.0.1:3101",
      "https://x.example.com:*",
    ]);
  });

  it("refuses anything that could change the header or is not an origin", () => {
    for (const bad of [
      "*",
      "'self'",
      "'none'",
      "https://a.com; script-src *",
      "https://a.com 'unsafe-inline'",
      "https://a.com/path",
      "ftp://a.com",
      "javascript:alert(1)",
      "https://a.com:99999",
      "https://*",
      "https://a.*.com",
      "https://a.com\r\nSet-Cookie: x=1",
      "data:",
    ]) {
      const r = frameAncestorsInput.safeParse([bad]);
      expect(r.success, bad).toBe(false);
    }
  });
});

describe("frameAncestorsDirective", () => {
  it("is Vigil itself and the allow-list; never an invalid entry", () => {
    expect(frameAncestorsDirective([])).toBe("'self'");
    expect(frameAncestorsDirective(["https://a.example.com", "https://x.com; script-src *"])).toBe(
      "'self' https://a.example.com",
    );
  });

  it("goes into the CSP as the last directive", () => {
    const csp = contentSecurityPolicy({ dev: false, frameAncestors: "'self' https://a.example.com" });
    expect(csp).toMatch(/; frame-ancestors 'self' https:\/\/a\.example\.com$/);
    expect(csp).not.toContain("unsafe-eval");
    expect(contentSecurityPolicy({ dev: false, frameAncestors: "'none'" })).toContain(
      "frame-ancestors 'none'",
    );
  });
});

describe("originAllowed", () => {
  const list = [
    "https://portal.example.com",
    "https://*.example.org",
    "http://localhost:8080",
    "http://legacy.test",
  ];
  it("follows CSP's source matching", () => {
    expect(originAllowed("https://portal.example.com", list)).toBe(true);
    expect(originAllowed("https://portal.example.com:443", list)).toBe(true);
    expect(originAllowed("https://portal.example.com:8443", list)).toBe(false);
    expect(originAllowed("http://portal.example.com", list)).toBe(false);
    expect(originAllowed("https://a.b.example.org", list)).toBe(true);
    expect(originAllowed("https://example.org", list)).toBe(false);
    expect(originAllowed("https://evilexample.org", list)).toBe(false);
    expect(originAllowed("http://localhost:8080", list)).toBe(true);
    expect(originAllowed("http://localhost:8081", list)).toBe(false);
    expect(originAllowed("https://legacy.test", list)).toBe(true); // an http entry also allows https
    expect(originAllowed("null", list)).toBe(false);
    expect(originAllowed("https://vigil.test", list, "https://vigil.test")).toBe(true);
  });
});
