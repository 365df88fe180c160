// The target types of the audit log (lib/audit/record.ts), for the audit page's filter.
/** The target types Vigil writes (for the audit page's filter); others may appear as features are added. */
export const AUDIT_TARGET_TYPES = [
  "api-key",
  "contact-point",
  "dashboard",
  "data-source",
  "embed",
  "experiment",
  "invite",
  "model",
  "notification-policy",
  "retention",
  "rule-group",
  "scrape-target",
  "serving-endpoint",
  "shadow",
  "silence",
  "user",
] as const;
