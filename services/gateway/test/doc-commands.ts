import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { REPO_ROOT } from "@llm-serve/testkit";

/** A documentation file of the repository, by its path from the root. */
export function readDoc(path: string): string {
  return readFileSync(resolve(REPO_ROOT, path), "utf8");
}

/** The ```sh blocks of a Markdown text, in order (other fences, e.g. ```text, are not commands). */
export function shellBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```sh\n([\s\S]*?)^```$/gm)].map((match) => match[1]!);
}

/** A block without its comments (whole-line ones and trailing `  # …`): what a translation keeps. */
export function commandsOnly(block: string): string {
  return block
    .split("\n")
    .filter((line) => !/^\s*#/.test(line))
    .map((line) => line.replace(/\s{2,}#\s.*$/, "").trimEnd())
    .filter((line) => line !== "")
    .join("\n");
}

/** Replaces every occurrence of each key with its value. */
export function substitute(text: string, replacements: Record<string, string>): string {
  let result = text;
  for (const [from, to] of Object.entries(replacements)) result = result.split(from).join(to);
  return result;
}
