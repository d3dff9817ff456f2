/** Transport knobs shared by every mock upstream. All default to zero: the benchmark mode. */
export interface MockKnobs {
  /** Wait before writing the status line and headers (a slow first byte). */
  latencyMs?: number;
  /** Streams: wait after the headers before the first event. */
  firstEventDelayMs?: number;
  /** Streams: wait between events (exercises the idle timeout). */
  chunkDelayMs?: number;
  /** Streams: write each event in pieces of this many bytes (split mid-line across TCP writes). */
  splitBytes?: number;
  /** Streams: destroy the socket after this many events, without finishing the stream. */
  disconnectAfterEvents?: number;
}

export function delay(milliseconds: number | undefined): Promise<void> | undefined {
  if (milliseconds === undefined || milliseconds <= 0) return undefined;
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}
