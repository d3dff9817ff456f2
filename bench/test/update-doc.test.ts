import { describe, expect, it } from "vitest";
import { replaceSection } from "../src/report/update-doc.js";

describe("replaceSection", () => {
  it("replaces only the generated block and keeps the prose around it", () => {
    const document = "# Performance\n\nProse.\n\n<!-- bench:results -->\nold\n<!-- /bench:results -->\n\nMore prose.\n";
    const updated = replaceSection(document, "results", "new figures", "## Latest");
    expect(updated).toBe("# Performance\n\nProse.\n\n<!-- bench:results -->\nnew figures\n<!-- /bench:results -->\n\nMore prose.\n");
  });

  it("appends a missing section under its heading", () => {
    expect(replaceSection("# Performance\n", "soak", "figures", "## Soak")).toBe("# Performance\n\n## Soak\n\n<!-- bench:soak -->\nfigures\n<!-- /bench:soak -->\n");
  });
});
