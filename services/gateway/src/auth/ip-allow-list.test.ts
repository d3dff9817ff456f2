import { describe, expect, it } from "vitest";
import { compileAllowList, isAddressAllowed } from "./ip-allow-list.js";

describe("IP allow-lists", () => {
  const list = compileAllowList(["203.0.113.0/24", "198.51.100.7/32", "2001:db8::/32"]);

  it("admits addresses inside a block, IPv4-mapped IPv6 included", () => {
    for (const address of ["203.0.113.1", "203.0.113.255", "198.51.100.7", "::ffff:203.0.113.9", "2001:db8::1"]) expect(isAddressAllowed(list, address)).toBe(true);
  });

  it("refuses everything else, and addresses it cannot read", () => {
    for (const address of ["203.0.114.1", "198.51.100.8", "2001:db9::1", "", "garbage"]) expect(isAddressAllowed(list, address)).toBe(false);
  });

  it("admits every address when the key has no list", () => {
    expect(compileAllowList([])).toBeUndefined();
    expect(isAddressAllowed(undefined, "192.0.2.1")).toBe(true);
  });
});
