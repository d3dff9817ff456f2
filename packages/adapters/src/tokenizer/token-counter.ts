import { CompactRanks } from "./compact-ranks.js";

/**
 * Token counting for usage estimation. js-tiktoken bundles its BPE ranks in the package, so nothing
 * is fetched at run time. o200k_base (GPT-4o family) is used for every vendor: for non-OpenAI
 * models the count is an approximation, which is why such usage is flagged `estimated`.
 *
 * The encoder is loaded once and shared: an immutable table of ~200k ranks. It is counted by
 * `CompactRanks` (js-tiktoken's merge on a table a fifth of the size, ADR 0032), not by
 * js-tiktoken's own `Tiktoken`, whose decoding tables cost ~140 MiB of RSS that counting never uses.
 *
 * Counting never holds the event loop for long (ADR 0020). js-tiktoken's byte-pair merge is
 * super-linear in the length of one pre-tokenizer piece (8,000 × "a" is one piece: ~10 s), so:
 * - the text is split into pieces exactly as js-tiktoken splits it (special tokens, then the
 *   encoding's `pat_str`), and the count is the sum over pieces, as in js-tiktoken;
 * - pieces of at most MAX_PIECE_BYTES are counted exactly (in runs that split into the same
 *   pieces on their own, which is checked); a longer piece counts its UTF-8 bytes, which no
 *   byte-level BPE can exceed (every token decodes to at least one byte) — so the count is exact
 *   for ordinary text and an upper bound otherwise, never below the true count;
 * - the work yields to the event loop every SLICE_MS, and after WORK_BUDGET_MS of the call's own
 *   CPU (the thread's CPU within its synchronous slices; what other requests do meanwhile is not its
 *   work) the rest of its pieces count their bytes (still an upper bound). Charging the thread's CPU
 *   since the call began, or slices in which other counts' promise continuations ran, turned ordinary
 *   counts partly into bytes under a burst of concurrent counts (380 tokens counted 611): usage
 *   estimated for a vendor that reports none grew with the machine's load, and the mock's did too
 *   (the likely cause of a quota test on a loaded CI machine seeing 11,255 tokens used of a 10,000
 *   budget: the mock reported more than the exact count reserved).
 */
export const MAX_PIECE_BYTES = 64;
const SLICE_MS = 1;
const WORK_BUDGET_MS = 50;
/** The merge work of one run of pieces encoded in one call: about one of the longest pieces. */
const RUN_COST = MAX_PIECE_BYTES * MAX_PIECE_BYTES;

let encoderLoading: Promise<LoadedEncoder> | undefined;
let encodingCalls = 0;

interface LoadedEncoder {
  encoder: CompactRanks;
  pattern: string;
  special: RegExp;
  specialTokens: ReadonlySet<string>;
}

/**
 * How many times this process has asked the tokenizer to count, for checking that a path stays
 * free of it (the quota reservation sizes requests with `token-bound.ts` instead).
 */
export function tokenizerCallCount(): number {
  return encodingCalls;
}

/** Builds the shared rank table now (the gateway does it before it is ready); its size in ranks. */
export async function loadEncoder(): Promise<number> {
  return (await loaded()).encoder.size;
}

function loaded(): Promise<LoadedEncoder> {
  encoderLoading ??= import("js-tiktoken/ranks/o200k_base").then((module) => {
    const ranks = module.default;
    const names = Object.keys(ranks.special_tokens);
    const special = new RegExp(names.map((name) => name.replace(/[\\^$*+?.()|[\]{}]/g, "\\$&")).join("|"), "g");
    return { encoder: new CompactRanks(ranks), pattern: ranks.pat_str, special, specialTokens: new Set(names) };
  });
  return encoderLoading;
}

/**
 * One counting call's time: when its slice is over (wall time), and when its budget is spent — the
 * thread's CPU within the call's own slices only. A slice is synchronous (the counting is a
 * generator driven in a loop, with no `await` inside a slice), so neither a loaded machine
 * descheduling the process nor other requests' work (a burst of concurrent counts, whose promise
 * continuations would otherwise interleave with this one's) is charged to it.
 */
class WorkClock {
  #spentMicros = 0;
  #sliceCpu = process.threadCpuUsage();
  #sliceStarted = performance.now();

  get exhausted(): boolean {
    return (this.#spentMicros + this.#sliceMicros()) / 1_000 > WORK_BUDGET_MS;
  }

  get sliceOver(): boolean {
    return performance.now() - this.#sliceStarted >= SLICE_MS;
  }

  async pause(): Promise<void> {
    this.#spentMicros += this.#sliceMicros();
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#sliceCpu = process.threadCpuUsage();
    this.#sliceStarted = performance.now();
  }

  #sliceMicros(): number {
    const used = process.threadCpuUsage(this.#sliceCpu);
    return used.user + used.system;
  }
}

/** Steps of counting; between two, the driver may end the slice. */
type Counting = Generator<void, number, void>;

/** Runs a count synchronously in slices of SLICE_MS, yielding to the event loop between slices. */
async function drive(clock: WorkClock, counting: Counting): Promise<number> {
  for (;;) {
    const step = counting.next();
    if (step.done) return step.value;
    if (clock.sliceOver) await clock.pause();
  }
}

const byteLength = (text: string) => Buffer.byteLength(text, "utf8");

function* countText(tokenizer: LoadedEncoder, text: string, clock: WorkClock): Counting {
  if (text === "") return 0;
  let total = 0;
  let start = 0;
  tokenizer.special.lastIndex = 0;
  for (;;) {
    const special = tokenizer.special.exec(text);
    const end = special?.index ?? text.length;
    const next = special === null ? 0 : special.index + special[0].length;
    total += yield* countSegment(tokenizer, text.substring(start, end), clock);
    if (special === null) return total;
    total += 1; // every special token is allowed ("all") and is one token
    start = next;
    tokenizer.special.lastIndex = start;
  }
}

/**
 * Counts one text between special tokens. Consecutive short pieces are encoded together as a run
 * (one js-tiktoken call, exactly what it would do with them) while the run's estimated merge work —
 * the sum of its pieces' squared lengths, as the merge is quadratic — stays within one slice.
 */
function* countSegment(tokenizer: LoadedEncoder, segment: string, clock: WorkClock): Counting {
  let total = 0;
  let run: string[] = [];
  let runCost = 0;
  const flush = () => {
    if (run.length > 0) total += clock.exhausted ? byteLength(run.join("")) : countRun(tokenizer, run);
    run = [];
    runCost = 0;
  };
  for (const match of segment.matchAll(new RegExp(tokenizer.pattern, "ug"))) {
    const piece = match[0];
    const bytes = byteLength(piece);
    if (bytes > MAX_PIECE_BYTES) {
      flush();
      yield;
      total += bytes;
      continue;
    }
    if (runCost + bytes * bytes > RUN_COST) {
      flush();
      yield;
    }
    run.push(piece);
    runCost += bytes * bytes;
  }
  flush();
  yield;
  return total;
}

/**
 * The exact count of consecutive pieces, provided the run splits into the same pieces on its own
 * (a look-ahead at its end could split it otherwise); if not, each piece on its own, and a piece
 * that is not one piece on its own counts its bytes.
 */
function countRun(tokenizer: LoadedEncoder, run: readonly string[]): number {
  const text = run.join("");
  if (splitsInto(tokenizer, text, run)) return tokenizer.encoder.count(text);
  let total = 0;
  for (const piece of run) total += splitsInto(tokenizer, piece, [piece]) ? tokenizer.encoder.countPiece(piece) : byteLength(piece);
  return total;
}

function splitsInto(tokenizer: LoadedEncoder, text: string, pieces: readonly string[]): boolean {
  const alone = text.match(new RegExp(tokenizer.pattern, "ug")) ?? [];
  return alone.length === pieces.length && alone.every((piece, index) => piece === pieces[index]);
}

export async function countTokens(text: string): Promise<number> {
  encodingCalls += 1;
  if (text === "") return 0;
  const tokenizer = await loaded();
  const clock = new WorkClock();
  return drive(clock, countText(tokenizer, text, clock));
}

export async function countTokensOfAll(texts: readonly string[]): Promise<number> {
  encodingCalls += 1;
  const tokenizer = await loaded();
  const clock = new WorkClock();
  return drive(clock, countAll(tokenizer, texts, clock));
}

function* countAll(tokenizer: LoadedEncoder, texts: readonly string[], clock: WorkClock): Counting {
  let total = 0;
  for (const text of texts) total += yield* countText(tokenizer, text, clock);
  return total;
}
