import { readFile, writeFile } from "node:fs/promises";

/**
 * Replaces the generated sections of a hand-written document. A section sits between
 * `<!-- bench:NAME -->` and `<!-- /bench:NAME -->`; the prose around it is left alone. A section
 * the document lacks is appended under `fallbackHeading`.
 */
export function replaceSection(document: string, name: string, content: string, fallbackHeading: string): string {
  const open = `<!-- bench:${name} -->`;
  const close = `<!-- /bench:${name} -->`;
  const start = document.indexOf(open);
  const end = document.indexOf(close);
  const block = `${open}\n${content.trim()}\n${close}`;
  if (start < 0 || end < start) return `${document.trimEnd()}\n\n${fallbackHeading}\n\n${block}\n`;
  return document.slice(0, start) + block + document.slice(end + close.length);
}

export async function updateDocument(path: string, sections: { name: string; content: string; heading: string }[]): Promise<void> {
  let document = await readFile(path, "utf8").catch(() => "# Performance\n");
  for (const section of sections) document = replaceSection(document, section.name, section.content, section.heading);
  await writeFile(path, document);
}
