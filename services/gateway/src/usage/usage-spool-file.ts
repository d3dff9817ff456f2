import { randomBytes } from "node:crypto";
import { mkdir, open, rm, type FileHandle } from "node:fs/promises";
import { join } from "node:path";
import type { EncodedEvent } from "@llm-serve/common";

/** `usage-<pid>-<instance>[-from-<instance>].spool`: whose file it is, so that a new start knows what is orphaned. */
const SPOOL_FILE_NAME = /^usage-(\d+)-([a-z0-9]+)(?:-from-[a-z0-9-]+)?\.spool$/;

/** Spool files of instances living in this process (several gateways can share a process in tests). */
const liveInstances = new Set<string>();

export interface SpoolFileOwner {
  pid: number;
  instanceId: string;
}

export function spoolFileOwner(fileName: string): SpoolFileOwner | undefined {
  const match = SPOOL_FILE_NAME.exec(fileName);
  return match ? { pid: Number(match[1]), instanceId: match[2]! } : undefined;
}

/**
 * True when no live gateway instance writes this file any more. A file of this process's pid that
 * no instance here owns is orphaned too: in a container the restarted gateway gets the dead one's pid.
 */
export function isOrphaned(owner: SpoolFileOwner): boolean {
  if (owner.pid === process.pid) return !liveInstances.has(owner.instanceId);
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

/**
 * One instance's append-only spool: one JSON line per event, written and fdatasync'ed in batches,
 * emptied (truncated) whenever everything in it is committed to Postgres. Not safe for concurrent
 * calls: its owner serialises them.
 */
export class UsageSpoolFile {
  readonly instanceId = randomBytes(6).toString("hex");
  #handle: FileHandle | undefined;
  #bytes = 0;

  private constructor(readonly directory: string) {}

  static async create(directory: string): Promise<UsageSpoolFile> {
    await mkdir(directory, { recursive: true });
    const spool = new UsageSpoolFile(directory);
    liveInstances.add(spool.instanceId);
    spool.#handle = await open(join(directory, spool.fileName()), "w");
    return spool;
  }

  /** The name of this instance's file, or of one it took over from a dead instance. */
  fileName(adoptedFrom?: string): string {
    return `usage-${process.pid}-${this.instanceId}${adoptedFrom ? `-from-${adoptedFrom}` : ""}.spool`;
  }

  get bytes(): number {
    return this.#bytes;
  }

  /** Appends the events and returns once they are on disk (fdatasync: the size is made durable too). */
  async append(events: readonly EncodedEvent[]): Promise<void> {
    if (events.length === 0) return;
    const handle = this.#open();
    const text = events.map((event) => `${JSON.stringify(event)}\n`).join("");
    const buffer = Buffer.from(text, "utf8");
    await handle.write(buffer, 0, buffer.length, this.#bytes);
    await handle.datasync();
    this.#bytes += buffer.length;
  }

  /**
   * Empties the file. Not synced: should the emptying itself be lost in a crash, the next start
   * replays events that are committed already, which the outbox's unique event id ignores.
   */
  async truncate(): Promise<void> {
    if (this.#bytes === 0) return;
    await this.#open().truncate(0);
    this.#bytes = 0;
  }

  /** Closes the file; an empty file is deleted, one still holding events is left for the next start. */
  async close(): Promise<void> {
    const handle = this.#handle;
    this.#handle = undefined;
    if (!handle) return;
    await handle.close();
    liveInstances.delete(this.instanceId);
    if (this.#bytes === 0) await rm(join(this.directory, this.fileName()), { force: true });
  }

  #open(): FileHandle {
    if (!this.#handle) throw new Error("the usage spool is closed");
    return this.#handle;
  }
}
