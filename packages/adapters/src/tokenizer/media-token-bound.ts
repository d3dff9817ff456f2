import type { FileContentPart, ImageUrlContentPart, InputAudioContentPart } from "../spec/chat-types.js";

/**
 * Upper bounds of the prompt tokens a vendor bills for non-text inputs, computed from the request
 * alone (nothing is fetched or decoded beyond a header), for sizing quota reservations.
 *
 * Images follow OpenAI's documented tile formula for GPT-4o-class models: `low` is a flat 85
 * tokens; `high` (and `auto`, which may pick high) scales the image to fit 2048×2048, then its
 * shortest side to 768, and costs 85 + 170 per 512-px tile. When the size cannot be read from the
 * request (a URL, or an encoding whose header we do not parse) the worst case of the detail is
 * taken: 768×2048 → 2×4 tiles → 1,445 tokens.
 */
export const LOW_DETAIL_IMAGE_TOKENS = 85;
const TILE_TOKENS = 170;
const TILE_PIXELS = 512;
export const WORST_HIGH_DETAIL_IMAGE_TOKENS = LOW_DETAIL_IMAGE_TOKENS + TILE_TOKENS * 2 * 4;

/**
 * Audio: the lowest MPEG audio bit rate is 8 kbit/s (1,000 bytes a second) and uncompressed WAV is
 * larger still, so a clip lasts at most `bytes / 1000` seconds; billed at most 32 tokens a second
 * (the highest rate we know a vendor documents, Gemini's; OpenAI's is lower).
 */
const AUDIO_BYTES_PER_SECOND_MIN = 1_000;
const AUDIO_TOKENS_PER_SECOND_MAX = 32;

/**
 * Files: inline `file_data` counts one token per decoded byte (text extracted from a document is
 * never more tokens than bytes). A file referenced only by `file_id` cannot be seen from here, so
 * it reserves the largest context window we route (128 K tokens): a prompt can never exceed that.
 */
export const FILE_REFERENCE_TOKENS = 128_000;

export function imageTokenBound(part: ImageUrlContentPart): number {
  if (part.image_url.detail === "low") return LOW_DETAIL_IMAGE_TOKENS;
  const size = dataUrlImageSize(part.image_url.url);
  if (size === undefined) return WORST_HIGH_DETAIL_IMAGE_TOKENS;
  return highDetailImageTokens(size.width, size.height);
}

/** OpenAI's high-detail formula for an image of this size. */
export function highDetailImageTokens(width: number, height: number): number {
  if (width <= 0 || height <= 0) return WORST_HIGH_DETAIL_IMAGE_TOKENS;
  let scale = Math.min(1, 2048 / Math.max(width, height));
  let scaledWidth = width * scale;
  let scaledHeight = height * scale;
  scale = Math.min(1, 768 / Math.min(scaledWidth, scaledHeight));
  scaledWidth *= scale;
  scaledHeight *= scale;
  const tiles = Math.ceil(scaledWidth / TILE_PIXELS) * Math.ceil(scaledHeight / TILE_PIXELS);
  return LOW_DETAIL_IMAGE_TOKENS + TILE_TOKENS * tiles;
}

export function audioTokenBound(part: InputAudioContentPart): number {
  const seconds = base64DecodedBytes(part.input_audio.data) / AUDIO_BYTES_PER_SECOND_MIN;
  return Math.ceil(seconds * AUDIO_TOKENS_PER_SECOND_MAX);
}

export function fileTokenBound(part: FileContentPart): number {
  const data = part.file.file_data;
  if (typeof data === "string" && data.length > 0) return base64DecodedBytes(data.slice(data.indexOf(",") + 1));
  return FILE_REFERENCE_TOKENS;
}

/** Decoded size of base64 text (a data URL's prefix excluded by the caller), rounded up. */
function base64DecodedBytes(data: string): number {
  return Math.ceil((data.length * 3) / 4);
}

/** The pixel size of a PNG or GIF given as a data URL (their sizes sit at fixed offsets); else undefined. */
function dataUrlImageSize(url: string): { width: number; height: number } | undefined {
  const match = /^data:image\/(png|gif);base64,/i.exec(url);
  if (!match) return undefined;
  const header = Buffer.from(url.slice(match[0].length, match[0].length + 32), "base64");
  if (match[1]!.toLowerCase() === "png") {
    if (header.length < 24 || header.toString("latin1", 12, 16) !== "IHDR") return undefined;
    return { width: header.readUInt32BE(16), height: header.readUInt32BE(20) };
  }
  if (header.length < 10 || header.toString("latin1", 0, 3) !== "GIF") return undefined;
  return { width: header.readUInt16LE(6), height: header.readUInt16LE(8) };
}
