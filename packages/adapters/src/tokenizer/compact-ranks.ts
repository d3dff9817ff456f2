/** The rank table as js-tiktoken ships it: `bpe_ranks` lines of "<prefix> <first rank> <base64 token>…". */
export interface RankFile {
  pat_str: string;
  bpe_ranks: string;
}

/**
 * The count half of js-tiktoken's `Tiktoken.encode`, on a table a fifth of the size (ADR 0032).
 *
 * js-tiktoken keeps two maps of the ~200k o200k ranks: rank by the token's bytes written as a
 * comma-joined decimal string ("72,101,108"), and a Uint8Array per rank for decoding — 68 MiB of
 * heap and ~140 MiB of RSS once built. Counting needs neither the decoder nor decimal keys: here a
 * token's bytes are the key as a one-byte (latin1) string, one char per byte (`atob` of the file's
 * base64), in one Map — 14.5 MiB of heap, ~44 MiB of RSS (measured alone, ADR 0032).
 *
 * The merge is js-tiktoken's `bytePairMerge`, step for step (the lowest rank of adjacent pairs, the
 * first on ties, until no pair has a rank), so the count is the length of what `encode` returns:
 * `compact-ranks.test.ts` checks both on a corpus. Special tokens are the caller's
 * (`token-counter.ts` splits them off before counting).
 */
export class CompactRanks {
  readonly #rankByBytes = new Map<string, number>();
  readonly #pieces: RegExp;

  constructor(file: RankFile) {
    this.#pieces = new RegExp(file.pat_str, "ug");
    for (const line of file.bpe_ranks.split("\n")) {
      if (line === "") continue;
      const [, firstRank, ...tokens] = line.split(" ");
      const offset = Number.parseInt(firstRank ?? "", 10);
      tokens.forEach((token, index) => this.#rankByBytes.set(atob(token), offset + index));
    }
  }

  get size(): number {
    return this.#rankByBytes.size;
  }

  /** The number of tokens `encode(text)` gives for a text free of special tokens. */
  count(text: string): number {
    let total = 0;
    this.#pieces.lastIndex = 0;
    for (const match of text.matchAll(this.#pieces)) total += this.countPiece(match[0]);
    return total;
  }

  /** The tokens of one pre-tokenizer piece: one if the piece is a token, else what the merge leaves. */
  countPiece(piece: string): number {
    const bytes = Buffer.from(piece, "utf8").toString("latin1");
    if (bytes.length <= 1 || this.#rankByBytes.has(bytes)) return 1;
    const bounds = this.#merge(bytes);
    let total = 0;
    for (let index = 0; index < bounds.length - 1; index += 1) if (this.#rankByBytes.has(bytes.slice(bounds[index], bounds[index + 1]))) total += 1;
    return total;
  }

  /** js-tiktoken's bytePairMerge: part i is bytes[bounds[i], bounds[i + 1]). */
  #merge(bytes: string): number[] {
    const bounds = Array.from({ length: bytes.length + 1 }, (_, index) => index);
    while (bounds.length > 2) {
      let lowestRank = -1;
      let lowestAt = -1;
      for (let index = 0; index < bounds.length - 2; index += 1) {
        const rank = this.#rankByBytes.get(bytes.slice(bounds[index], bounds[index + 2]));
        if (rank !== undefined && (lowestAt === -1 || rank < lowestRank)) {
          lowestRank = rank;
          lowestAt = index;
        }
      }
      if (lowestAt === -1) break;
      bounds.splice(lowestAt + 1, 1);
    }
    return bounds;
  }
}
