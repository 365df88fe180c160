// The authorization matrix: for every API route (method + path) and every page, who may use it. The tests
// (tests/integration/authz-matrix.test.ts, tests/e2e/authz-pages.spec.ts) discover routes and pages from the
// source tree and fail when one has no row here, so a new route cannot ship without a decision on who may call
// it. "allow": the request gets past authentication and authorisation (any status but 401/403, never 500);
// "deny": 401 or 403. Pages: "deny" is the login redirect (anonymous) or the 403 page (signed in).

export const API_PRINCIPALS = [
  "anonymous",
  "viewer",
  "editor",
  "admin",
  "key:ingest",
  "key:read",
  "key:admin",
  "embed",
] as const;
export type ApiPrincipal = (typeof API_PRINCIPALS)[number];
export type Outcome = "allow" | "deny";
export type ApiExpectation = Readonly<Record<ApiPrincipal, Outcome>>;

export const PAGE_PRINCIPALS = ["anonymous", "viewer", "editor", "admin"] as const;
export type PagePrincipal = (typeof PAGE_PRINCIPALS)[number];
export type PageExpectation = Readonly<Record<PagePrincipal, Outcome>>;

const A = "allow";
const D = "deny";

/** No credentials needed (health, the OpenAPI document, the session routes). */
const PUBLIC: ApiExpectation = {
  anonymous: A,
  viewer: A,
  editor: A,
  admin: A,
  "key:ingest": A,
  "key:read": A,
  "key:admin": A,
  embed: A,
};
/** Reading: every role, read and admin keys. Never an embed token: it only opens its own panel's data. */
const READ: ApiExpectation = {
  anonymous: D,
  viewer: A,
  editor: A,
  admin: A,
  "key:ingest": D,
  "key:read": A,
  "key:admin": A,
  embed: D,
};
/** Changing rules, silences, experiments, shadows, model and drift settings, dashboards: editors and admins. */
const EDIT: ApiExpectation = {
  anonymous: D,
  viewer: D,
  editor: A,
  admin: A,
  "key:ingest": D,
  "key:read": D,
  "key:admin": A,
  embed: D,
};
/** Channels, policy, data sources, cluster, retention, users, keys, audit: admins only. */
const ADMIN: ApiExpectation = {
  anonymous: D,
  viewer: D,
  editor: D,
  admin: A,
  "key:ingest": D,
  "key:read": D,
  "key:admin": A,
  embed: D,
};
/** Sending data: ingest and admin keys, and admins in the UI (imports). */
const INGEST: ApiExpectation = {
  anonymous: D,
  viewer: D,
  editor: D,
  admin: A,
  "key:ingest": A,
  "key:read": D,
  "key:admin": A,
  embed: D,
};
/**
 * The embed data routes answer only a valid embed token (?token=), never a session or an API key; the token
 * opens nothing else (every other row says "deny" for it).
 */
const EMBED_TOKEN_ONLY: ApiExpectation = {
  anonymous: D,
  viewer: D,
  editor: D,
  admin: D,
  "key:ingest": D,
  "key:read": D,
  "key:admin": D,
  embed: A,
};

export const API_MATRIX: Readonly<Record<string, ApiExpectation>> = {
  // Sessions
  "POST /api/auth/login": PUBLIC,
  "POST /api/auth/logout": PUBLIC,
  "GET /api/auth/me": PUBLIC,
  "POST /api/auth/invite": PUBLIC,
  "POST /api/auth/reset": PUBLIC,
  "GET /api/health": PUBLIC,
  "GET /api/v1/openapi.json": PUBLIC,
  "GET /metrics": READ,

  // Ingest
  "POST /api/v1/predictions": INGEST,
  "POST /api/v1/labels": INGEST, // a JSON body; a form-encoded POST is the PromQL label-names read
  "POST /api/v1/events": INGEST,
  "POST /api/v1/write": INGEST,
  "POST /api/v1/import/prometheus": INGEST,

  // Models, quality, drift
  "GET /api/v1/models": READ,
  "PATCH /api/v1/models/[model]": EDIT,
  "GET /api/v1/models/[model]/quality": READ,
  "GET /api/v1/models/[model]/latency": READ,
  "GET /api/v1/models/[model]/drift": READ,
  "GET /api/v1/models/[model]/drift/distribution": READ,
  "GET /api/v1/models/[model]/drift/config": READ,
  "PUT /api/v1/models/[model]/drift/config": EDIT,
  "GET /api/v1/models/[model]/reference": READ,
  "POST /api/v1/models/[model]/reference": EDIT,
  "DELETE /api/v1/models/[model]/reference/[name]": EDIT,

  // Shadows
  "GET /api/v1/models/[model]/shadows": READ,
  "POST /api/v1/models/[model]/shadows": EDIT,
  "GET /api/v1/shadows/[id]": READ,
  "PATCH /api/v1/shadows/[id]": EDIT,
  "DELETE /api/v1/shadows/[id]": EDIT,
  "GET /api/v1/shadows/[id]/backfill": READ,
  "POST /api/v1/shadows/[id]/backfill": EDIT,
  "GET /api/v1/shadows/[id]/comparison": READ,
  "GET /api/v1/shadows/[id]/predictions": READ,

  // Experiments
  "GET /api/v1/experiments": READ,
  "POST /api/v1/experiments": EDIT,
  "GET /api/v1/experiments/[key]": READ,
  "PATCH /api/v1/experiments/[key]": EDIT,
  "DELETE /api/v1/experiments/[key]": EDIT,
  "GET /api/v1/experiments/[key]/results": READ,
  "GET /api/v1/experiments/[key]/assign": READ,

  // PromQL (Prometheus HTTP API) and external data sources
  "GET /api/v1/query": READ,
  "POST /api/v1/query": READ,
  "GET /api/v1/query_range": READ,
  "POST /api/v1/query_range": READ,
  "GET /api/v1/series": READ,
  "POST /api/v1/series": READ,
  "GET /api/v1/labels": READ,
  "GET /api/v1/label/[name]/values": READ,
  "GET /api/v1/metadata": READ,
  "GET /api/v1/status/buildinfo": READ,
  "GET /api/v1/datasources": READ,
  "POST /api/v1/datasources": ADMIN,
  "DELETE /api/v1/datasources/[name]": ADMIN,

  // Alerting: rules and silences are the editors'; where notifications go is the admins'
  "GET /api/v1/rule-groups": READ,
  "POST /api/v1/rule-groups": EDIT,
  "GET /api/v1/rule-groups/export": READ,
  "POST /api/v1/rule-groups/import": EDIT,
  "GET /api/v1/rule-groups/[id]": READ,
  "PUT /api/v1/rule-groups/[id]": EDIT,
  "PATCH /api/v1/rule-groups/[id]": EDIT,
  "DELETE /api/v1/rule-groups/[id]": EDIT,
  "POST /api/v1/alert-rules": EDIT,
  "POST /api/v1/alert-rules/preview": READ,
  "GET /api/v1/alert-rule-templates": READ,
  "POST /api/v1/alert-rule-templates/[id]/render": READ,
  "GET /api/v1/silences": READ,
  "POST /api/v1/silences": EDIT,
  "GET /api/v1/silences/[id]": READ,
  "PUT /api/v1/silences/[id]": EDIT,
  "DELETE /api/v1/silences/[id]": EDIT,
  "GET /api/v1/channels": READ,
  "POST /api/v1/channels": ADMIN,
  "GET /api/v1/channels/[id]": READ,
  "PUT /api/v1/channels/[id]": ADMIN,
  "DELETE /api/v1/channels/[id]": ADMIN,
  "POST /api/v1/channels/[id]/test": ADMIN,
  "GET /api/v1/notification-policy": READ,
  "PUT /api/v1/notification-policy": ADMIN,
  "GET /api/v1/alerts": READ,
  "GET /api/v1/alerts/history": READ,
  "GET /api/v1/notifications": READ,

  // Serving cluster
  "GET /api/v1/scrape-targets": READ,
  "POST /api/v1/scrape-targets": ADMIN,
  "GET /api/v1/scrape-targets/[id]": READ,
  "PATCH /api/v1/scrape-targets/[id]": ADMIN,
  "DELETE /api/v1/scrape-targets/[id]": ADMIN,
  "POST /api/v1/scrape-targets/[id]/scrape": ADMIN,
  "GET /api/v1/serving-endpoints": READ,
  "POST /api/v1/serving-endpoints": ADMIN,
  "GET /api/v1/serving-endpoints/[id]": READ,
  "PATCH /api/v1/serving-endpoints/[id]": ADMIN,
  "DELETE /api/v1/serving-endpoints/[id]": ADMIN,
  "POST /api/v1/serving-endpoints/[id]/check": ADMIN,

  // Retention
  "GET /api/v1/retention": READ,
  "PATCH /api/v1/retention": ADMIN,
  "POST /api/v1/retention/run": ADMIN,

  // Dashboards
  "GET /api/v1/dashboards": READ,
  "POST /api/v1/dashboards": EDIT,
  "POST /api/v1/dashboards/import": EDIT,
  "GET /api/v1/dashboards/[uid]": READ,
  "PUT /api/v1/dashboards/[uid]": EDIT,
  "DELETE /api/v1/dashboards/[uid]": EDIT,
  "GET /api/v1/dashboards/[uid]/export": READ,

  // Embeds: managing them (sessions and keys), and the data an embed token opens
  "GET /api/v1/embeds": READ,
  "POST /api/v1/embeds": EDIT,
  "DELETE /api/v1/embeds/[id]": EDIT,
  "POST /api/v1/embeds/[id]/token": EDIT,
  "GET /api/v1/embeds/frame-ancestors": READ,
  "PUT /api/v1/embeds/frame-ancestors": ADMIN,
  "GET /api/embed/query": EMBED_TOKEN_ONLY,
  "GET /api/embed/builtin": EMBED_TOKEN_ONLY,

  // Administration
  "GET /api/v1/users": ADMIN,
  "PATCH /api/v1/users/[id]": ADMIN,
  "DELETE /api/v1/users/[id]": ADMIN,
  "POST /api/v1/users/[id]/reset-link": ADMIN,
  "GET /api/v1/invites": ADMIN,
  "POST /api/v1/invites": ADMIN,
  "DELETE /api/v1/invites/[id]": ADMIN,
  "GET /api/v1/api-keys": ADMIN,
  "POST /api/v1/api-keys": ADMIN,
  "DELETE /api/v1/api-keys/[id]": ADMIN,
  "GET /api/v1/audit": ADMIN,
};

/** Any signed-in user; anonymous visitors are sent to the login page. */
const SIGNED_IN: PageExpectation = { anonymous: D, viewer: A, editor: A, admin: A };
/** The administration area: others see the 403 page. */
const ADMIN_PAGE: PageExpectation = { anonymous: D, viewer: D, editor: D, admin: A };
/** Reachable without signing in: the login page and the links sent by admins. */
const PUBLIC_PAGE: PageExpectation = { anonymous: A, viewer: A, editor: A, admin: A };

export const PAGE_MATRIX: Readonly<Record<string, PageExpectation>> = {
  "/": SIGNED_IN,
  "/login": PUBLIC_PAGE,
  "/invite/[token]": PUBLIC_PAGE,
  "/reset/[token]": PUBLIC_PAGE,
  "/explore": SIGNED_IN,
  "/models/[model]": SIGNED_IN,
  "/experiments": SIGNED_IN,
  "/experiments/[key]": SIGNED_IN,
  "/cluster": SIGNED_IN,
  "/import": SIGNED_IN, // viewers and editors see the page with a notice that only admins import
  "/settings": SIGNED_IN,
  "/alerting": SIGNED_IN,
  "/alerting/contact-points": SIGNED_IN,
  "/alerting/history": SIGNED_IN,
  "/alerting/notifications": SIGNED_IN,
  "/alerting/policy": SIGNED_IN,
  "/alerting/rules/[groupId]": SIGNED_IN,
  "/alerting/rules/new": SIGNED_IN,
  "/alerting/silences": SIGNED_IN,
  "/alerting/silences/new": SIGNED_IN,
  "/dashboards": SIGNED_IN,
  "/dashboards/[uid]": SIGNED_IN,
  // Embeds open with their signed token (refused inside the page without one), never with a session.
  "/embed/d/[uid]": PUBLIC_PAGE,
  "/embed/d/[uid]/p/[panelId]": PUBLIC_PAGE,
  "/admin": ADMIN_PAGE,
  "/admin/users": ADMIN_PAGE,
  "/admin/api-keys": ADMIN_PAGE,
  "/admin/audit": ADMIN_PAGE,
};
