// Which addresses Vigil may connect to on a user's behalf (external data sources; later webhooks and scrape
// targets). Link-local and cloud metadata addresses are never allowed; everything else must be allow-listed
// by the administrator (VIGIL_OUTBOUND_ALLOWLIST), so a dashboard user cannot make the server probe the network.
import { BlockList, isIP } from "node:net";

const ALWAYS_BLOCKED = new BlockList();
ALWAYS_BLOCKED.addSubnet("169.254.0.0", 16, "ipv4"); // link-local, incl. 169.254.169.254 (cloud metadata)
ALWAYS_BLOCKED.addSubnet("100.100.100.200", 32, "ipv4"); // Alibaba Cloud metadata
ALWAYS_BLOCKED.addSubnet("0.0.0.0", 8, "ipv4");
ALWAYS_BLOCKED.addSubnet("224.0.0.0", 4, "ipv4"); // multicast
ALWAYS_BLOCKED.addSubnet("255.255.255.255", 32, "ipv4");
ALWAYS_BLOCKED.addSubnet("fe80::", 10, "ipv6"); // link-local
ALWAYS_BLOCKED.addSubnet("fd00:ec2::254", 128, "ipv6"); // AWS metadata over IPv6
ALWAYS_BLOCKED.addSubnet("ff00::", 8, "ipv6");
ALWAYS_BLOCKED.addAddress("::", "ipv6");

export interface AllowList {
  hosts: Set<string>;
  networks: BlockList;
}

/** "prometheus.internal, 10.0.0.0/8, 127.0.0.1" → hosts and CIDR networks. */
export function parseAllowList(text: string | undefined): AllowList {
  const hosts = new Set<string>();
  const networks = new BlockList();
  for (const raw of (text ?? "")
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean)) {
    const [addr, bits] = raw.split("/");
    const family = isIP(addr ?? "");
    if (family && bits !== undefined) networks.addSubnet(addr!, Number(bits), family === 4 ? "ipv4" : "ipv6");
    else if (family) networks.addAddress(addr!, family === 4 ? "ipv4" : "ipv6");
    else hosts.add(raw);
  }
  return { hosts, networks };
}

const familyOf = (ip: string) => (isIP(ip) === 6 ? "ipv6" : "ipv4");

/** Why connecting to `ip` (resolved from `hostname`) is refused, or null when it is allowed. */
export function refusal(hostname: string, ip: string, allow: AllowList): string | null {
  const bare = ip.replace(/^::ffff:/, "");
  if (ALWAYS_BLOCKED.check(bare, familyOf(bare)))
    return `${hostname} resolves to ${ip}, a link-local or metadata address, which Vigil never connects to`;
  if (allow.hosts.has(hostname.toLowerCase()) || allow.networks.check(bare, familyOf(bare))) return null;
  return `${hostname} (${ip}) is not in VIGIL_OUTBOUND_ALLOWLIST; an administrator must allow it first`;
}
