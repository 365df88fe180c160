// Environment shared by the e2e web server, the seeding and the worker run.
export const E2E_PORT = 3100;
export const E2E_ADMIN_PASSWORD = "e2e-admin-pass";
export const E2E_API_KEY = "vgl_e2e_bootstrap_key_0123456789abcdef";
/** Embed tokens live this long in the browser tests, so renewal happens within a test (tests/e2e/embeds.spec.ts). */
export const E2E_EMBED_TTL_SECONDS = 15;

export const e2eEnv = {
  DATABASE_URL: "file:./data/e2e.db",
  VIGIL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
  VIGIL_BOOTSTRAP_API_KEY: E2E_API_KEY,
  VIGIL_SECURE_COOKIES: "0",
  VIGIL_PUBLIC_URL: `http://127.0.0.1:${E2E_PORT}`,
  VIGIL_EMBED_SECRET: "e2e-embed-secret-0123456789abcdefghijklmnop",
  VIGIL_EMBED_TTL_SECONDS: String(E2E_EMBED_TTL_SECONDS),
  NODE_ENV: "production",
};
