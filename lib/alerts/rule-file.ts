// Prometheus rule files (YAML `groups:`) in and out. Import reports every problem with its line and path, as
// `promtool check rules` would; export writes a file Prometheus loads as it is (Vigil's own fields — a
// group's datasource, a rule's no_data/on_error — only when `vigilFields` is asked for, since Prometheus
// refuses unknown fields).
import { isMap, isSeq, LineCounter, parseDocument, stringify } from "yaml";
import {
  type ConfigProblem,
  checkGroup,
  DEFAULT_GROUP_INTERVAL_MS,
  formatRuleDuration,
  type RuleGroupConfig,
} from "./rule-config";

export interface RuleFileProblem extends ConfigProblem {
  line: number | null;
}

export interface ParsedRuleFile {
  groups: RuleGroupConfig[];
  problems: RuleFileProblem[];
}

/** "groups[0].rules[2].expr" → ["groups", 0, "rules", 2, "expr"] */
function pathKeys(path: string): Array<string | number> {
  return path
    .replace(/\[(\d+)\]/g, ".$1")
    .split(".")
    .filter(Boolean)
    .map((k) => (/^\d+$/.test(k) ? Number(k) : k));
}

export function parseRuleFile(text: string): ParsedRuleFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, uniqueKeys: true, prettyErrors: false });
  const lineOf = (offset: number | undefined) => (offset === undefined ? null : lines.linePos(offset).line);
  if (doc.errors.length > 0)
    return {
      groups: [],
      problems: doc.errors.map((e) => ({
        path: "",
        message: e.message.split("\n")[0] ?? e.message,
        line: lineOf(e.pos[0]),
      })),
    };
  const raw = doc.toJS() as unknown;
  const problems: ConfigProblem[] = [];
  const groups: RuleGroupConfig[] = [];
  if (typeof raw !== "object" || raw === null || !Array.isArray((raw as { groups?: unknown }).groups)) {
    problems.push({
      path: "groups",
      message: "a rule file is a map with a list of rule groups under 'groups'",
    });
  } else {
    const root = raw as Record<string, unknown>;
    for (const key of Object.keys(root))
      if (key !== "groups")
        problems.push({ path: key, message: `field ${key} not found in type rulefmt.RuleGroups` });
    const seen = new Set<string>();
    (root.groups as unknown[]).forEach((g, i) => {
      const group = checkGroup(g, `groups[${i}]`, problems);
      if (!group) return;
      if (seen.has(group.name))
        problems.push({
          path: `groups[${i}].name`,
          message: `groupname: "${group.name}" is repeated in the same file`,
        });
      seen.add(group.name);
      groups.push(group);
    });
  }
  return {
    groups,
    problems: problems.map((p) => {
      const keys = pathKeys(p.path);
      // The deepest node the path reaches carries the line (a misspelt key's own node does not exist).
      for (let n = keys.length; n >= 0; n--) {
        const node = doc.getIn(keys.slice(0, n), true) as { range?: [number, number, number] } | undefined;
        if (node && (isMap(node) || isSeq(node) || node.range))
          return { ...p, line: lineOf(node.range?.[0]) };
      }
      return { ...p, line: null };
    }),
  };
}

/** Formats a problem as promtool prints it: "line 12: groups[0].rules[1].expr: could not parse …". */
export function formatProblem(p: RuleFileProblem): string {
  return `${p.line === null ? "" : `line ${p.line}: `}${p.path ? `${p.path}: ` : ""}${p.message}`;
}

export function formatRuleFile(
  groups: readonly RuleGroupConfig[],
  opts: { vigilFields?: boolean } = {},
): string {
  const out = {
    groups: groups.map((g) => ({
      name: g.name,
      ...(g.intervalMs !== DEFAULT_GROUP_INTERVAL_MS ? { interval: formatRuleDuration(g.intervalMs) } : {}),
      ...(opts.vigilFields && g.datasource !== null ? { datasource: g.datasource } : {}),
      rules: g.rules.map((r) => {
        if (r.kind === "record")
          return {
            record: r.name,
            expr: r.expr,
            ...(Object.keys(r.labels).length ? { labels: r.labels } : {}),
          };
        return {
          alert: r.name,
          expr: r.expr,
          ...(r.forMs ? { for: formatRuleDuration(r.forMs) } : {}),
          ...(r.keepFiringForMs ? { keep_firing_for: formatRuleDuration(r.keepFiringForMs) } : {}),
          ...(Object.keys(r.labels).length ? { labels: r.labels } : {}),
          ...(Object.keys(r.annotations).length ? { annotations: r.annotations } : {}),
          ...(opts.vigilFields && r.noData !== "ok" ? { no_data: r.noData } : {}),
          ...(opts.vigilFields && r.onError !== "keep_last" ? { on_error: r.onError } : {}),
        };
      }),
    })),
  };
  return stringify(out, { lineWidth: 0 });
}
