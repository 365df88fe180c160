// The Cluster page's state as kept in the URL, so a view can be shared:
// `/cluster?source=<data source>&range=24h` (or `&from=…&to=…`) `&node=<node>`.
import { parseRange, type RangeSelection } from "./range";

export interface ClusterState {
  /** external Prometheus data source name; null = Vigil's own series */
  source: string | null;
  range: RangeSelection;
  /** show only this node's GPUs; null = all */
  node: string | null;
}

type ParamReader = { get(name: string): string | null };

// Data source names as the datasources API accepts them; "vigil" is the built-in one, written as no parameter.
const SOURCE_NAME = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export function parseCluster(params: ParamReader): ClusterState {
  const source = params.get("source");
  const node = params.get("node");
  return {
    source: source && SOURCE_NAME.test(source) && source !== "vigil" ? source : null,
    range: parseRange(params),
    node: node && node.length <= 253 ? node : null,
  };
}

/** The query string (without "?"); Vigil as the source and "all nodes" are left out so links stay short. */
export function clusterSearch(s: ClusterState): string {
  const p = new URLSearchParams();
  if (s.source) p.set("source", s.source);
  if (s.range.kind === "custom") {
    p.set("from", s.range.from);
    p.set("to", s.range.to);
  } else {
    p.set("range", s.range.preset);
  }
  if (s.node) p.set("node", s.node);
  return p.toString();
}
