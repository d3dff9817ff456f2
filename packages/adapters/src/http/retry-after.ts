/**
 * How long the vendor asked us to wait, in ms: `retry-after-ms` (Azure), `retry-after` as seconds or
 * an HTTP date, or a "try again in 18.642s" hint inside the message (OpenAI 429s).
 */
export function parseRetryAfterMs(headers: Record<string, string>, message?: string, now = Date.now()): number | null {
  const milliseconds = headers["retry-after-ms"];
  if (milliseconds !== undefined && isFiniteNumber(milliseconds)) return Math.max(0, Math.round(Number(milliseconds)));
  const retryAfter = headers["retry-after"];
  if (retryAfter !== undefined) {
    if (isFiniteNumber(retryAfter)) return Math.max(0, Math.round(Number(retryAfter) * 1000));
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, date - now);
  }
  if (message !== undefined) {
    const hint = /try again in (\d+(?:\.\d+)?)\s*(ms|s)\b/i.exec(message);
    if (hint?.[1] !== undefined) return Math.round(Number(hint[1]) * (hint[2]?.toLowerCase() === "ms" ? 1 : 1000));
  }
  return null;
}

function isFiniteNumber(value: string): boolean {
  return value.trim() !== "" && Number.isFinite(Number(value));
}
