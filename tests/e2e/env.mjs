// Environment shared by the e2e web server, the seeding and the worker run.
export const E2E_PORT = 3100;
export const E2E_ADMIN_PASSWORD = "e2e-admin-pass";
export const E2E_API_KEY = "vgl_e2e_bootstrap_key_0123456789abcdef";

export const e2eEnv = {
  DATABASE_URL: "file:./data/e2e.db",
  VIGIL_ADMIN_PASSWORD: E2E_ADMIN_PASSWORD,
  VIGIL_BOOTSTRAP_API_KEY: E2E_API_KEY,
  VIGIL_SECURE_COOKIES: "0",
  NODE_ENV: "production",
};
