// Generates TypeScript from ../../proto with buf (shipped by the npm package @bufbuild/buf) and the
// ts-proto plugin. Nothing is downloaded at build time.
import { execFileSync } from "node:child_process";
import { rmSync, mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const protoDir = resolve(packageDir, "../../proto");
const outDir = resolve(packageDir, "src/gen");
rmSync(outDir, { recursive: true, force: true });
mkdirSync(outDir, { recursive: true });
const buf = resolve(packageDir, "node_modules/.bin/buf");
execFileSync(buf, ["generate", protoDir, "--template", resolve(packageDir, "buf.gen.yaml")], {
  cwd: packageDir,
  stdio: "inherit",
});
