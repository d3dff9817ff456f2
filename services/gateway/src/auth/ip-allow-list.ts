import { BlockList, isIP } from "node:net";

/** A matcher of the key's CIDR blocks (`address/prefix`, as auth-key normalises them). */
export function compileAllowList(cidrs: readonly string[]): BlockList | undefined {
  if (cidrs.length === 0) return undefined;
  const list = new BlockList();
  for (const cidr of cidrs) {
    const [address = "", prefix = ""] = cidr.split("/");
    const family = isIP(address);
    if (family === 0) continue;
    list.addSubnet(address, Number(prefix || (family === 4 ? 32 : 128)), family === 4 ? "ipv4" : "ipv6");
  }
  return list;
}

/** IPv4 clients of a dual-stack socket arrive as `::ffff:a.b.c.d`. */
function plainAddress(ip: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  return mapped?.[1] ?? ip;
}

export function isAddressAllowed(list: BlockList | undefined, ip: string): boolean {
  if (!list) return true;
  const address = plainAddress(ip);
  const family = isIP(address);
  if (family === 0) return false;
  return list.check(address, family === 4 ? "ipv4" : "ipv6");
}
