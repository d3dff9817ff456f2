import { readFile, readdir, rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { EncodedEvent, Logger } from "@llm-serve/common";
import { isOrphaned, spoolFileOwner, type UsageSpoolFile } from "./usage-spool-file.js";

export interface RecoveredSpool {
  /** Events of dead instances' spools, each event id once, in their files' order. */
  events: EncodedEvent[];
  /** Deletes the claimed files: call it once the events are safe elsewhere (in our own spool or committed). */
  release(): Promise<void>;
}

/**
 * Claims the spool files that no live instance writes any more (a crashed gateway's, or one whose
 * shutdown could not commit to Postgres) and reads their events. A claim is a rename into this
 * instance's name, atomic: two gateways starting at once never both take a file.
 */
export async function recoverOrphanedSpools(spool: UsageSpoolFile, logger: Logger): Promise<RecoveredSpool> {
  const claimed: string[] = [];
  const events: EncodedEvent[] = [];
  const seen = new Set<string>();
  for (const name of await readdir(spool.directory)) {
    const owner = spoolFileOwner(name);
    if (!owner || owner.instanceId === spool.instanceId || !isOrphaned(owner)) continue;
    const target = join(spool.directory, spool.fileName(`${owner.instanceId}-${claimed.length}`));
    try {
      await rename(join(spool.directory, name), target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") continue; // another instance claimed it first
      throw error;
    }
    claimed.push(target);
    const found = parseSpool(await readFile(target, "utf8"), name, logger);
    for (const event of found) {
      if (seen.has(event.eventId)) continue;
      seen.add(event.eventId);
      events.push(event);
    }
  }
  if (claimed.length > 0) logger.warn({ files: claimed.length, events: events.length }, "replaying usage events spooled by a gateway that stopped before committing them");
  return {
    events,
    release: async () => {
      for (const path of claimed) await rm(path, { force: true });
    },
  };
}

/** One event per line; a line torn by a crash in the middle of a write (always the last) is skipped. */
function parseSpool(text: string, fileName: string, logger: Logger): EncodedEvent[] {
  const events: EncodedEvent[] = [];
  let unreadable = 0;
  for (const line of text.split("\n")) {
    if (line.length === 0) continue;
    try {
      const event = JSON.parse(line) as EncodedEvent;
      if (typeof event.eventId === "string" && typeof event.topic === "string" && typeof event.value === "string") events.push(event);
      else unreadable += 1;
    } catch {
      unreadable += 1;
    }
  }
  if (unreadable > 0) logger.warn({ file: fileName, lines: unreadable }, "skipped unreadable lines of a usage spool (a write cut by a crash)");
  return events;
}
