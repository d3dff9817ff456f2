import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const INSTALLER = fileURLToPath(new URL("../../../../deploy/local/components/chromium.sh", import.meta.url));

/** Debian's chromium (installed by deploy/local/components/chromium.sh when missing): no browser download. */
export function chromiumPath(): string {
  return execFileSync("bash", [INSTALLER], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], timeout: 900_000 }).trim().split("\n").pop()!;
}
