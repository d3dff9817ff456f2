import { describe, expect, it } from "vitest";
import { chatPromptTokenBound } from "./token-bound.js";
import { FILE_REFERENCE_TOKENS, LOW_DETAIL_IMAGE_TOKENS, WORST_HIGH_DETAIL_IMAGE_TOKENS, audioTokenBound, fileTokenBound, highDetailImageTokens, imageTokenBound } from "./media-token-bound.js";

/** A PNG's first bytes: signature, IHDR length and type, width and height. */
function pngDataUrl(width: number, height: number): string {
  const header = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]).copy(header);
  header.write("IHDR", 12, "latin1");
  header.writeUInt32BE(width, 16);
  header.writeUInt32BE(height, 20);
  return `data:image/png;base64,${header.toString("base64")}`;
}

describe("token bounds of images, audio and files", () => {
  it("follows OpenAI's documented image examples", () => {
    // From OpenAI's vision guide: 1024² high → 4 tiles → 765; 2048×4096 → 768×1536 → 6 tiles → 1,105.
    expect(highDetailImageTokens(1024, 1024)).toBe(765);
    expect(highDetailImageTokens(2048, 4096)).toBe(1105);
    expect(imageTokenBound({ type: "image_url", image_url: { url: pngDataUrl(4096, 8192), detail: "low" } })).toBe(LOW_DETAIL_IMAGE_TOKENS);
    expect(imageTokenBound({ type: "image_url", image_url: { url: pngDataUrl(1024, 1024), detail: "high" } })).toBe(765);
    expect(imageTokenBound({ type: "image_url", image_url: { url: pngDataUrl(100, 100) } })).toBe(255);
  });

  it("takes the worst case of the detail when the size is unknown, and no size ever exceeds it", () => {
    expect(imageTokenBound({ type: "image_url", image_url: { url: "https://example.com/cat.jpg" } })).toBe(WORST_HIGH_DETAIL_IMAGE_TOKENS);
    expect(imageTokenBound({ type: "image_url", image_url: { url: "data:image/jpeg;base64,/9j/4AAQ", detail: "high" } })).toBe(WORST_HIGH_DETAIL_IMAGE_TOKENS);
    for (let width = 1; width <= 10_000; width += 97) {
      for (let height = 1; height <= 10_000; height += 89) expect(highDetailImageTokens(width, height)).toBeLessThanOrEqual(WORST_HIGH_DETAIL_IMAGE_TOKENS);
    }
  });

  it("bounds audio by its bytes and files by theirs, or the largest context for a file by id", () => {
    const tenSecondsOfLowestMp3 = Buffer.alloc(10_000).toString("base64");
    expect(audioTokenBound({ type: "input_audio", input_audio: { data: tenSecondsOfLowestMp3, format: "mp3" } })).toBeGreaterThanOrEqual(10 * 32);
    const pdf = Buffer.alloc(3 * 1024 * 1024).toString("base64");
    expect(fileTokenBound({ type: "file", file: { filename: "a.pdf", file_data: `data:application/pdf;base64,${pdf}` } })).toBeGreaterThanOrEqual(3 * 1024 * 1024);
    expect(fileTokenBound({ type: "file", file: { file_id: "file-abc" } })).toBe(FILE_REFERENCE_TOKENS);
  });

  it("counts them in a chat prompt's bound (50 high-detail images are no longer 18 tokens)", () => {
    const images = Array.from({ length: 50 }, () => ({ type: "image_url" as const, image_url: { url: "https://example.com/a.png", detail: "high" as const } }));
    expect(chatPromptTokenBound({ messages: [{ role: "user", content: images }] })).toBeGreaterThanOrEqual(50 * WORST_HIGH_DETAIL_IMAGE_TOKENS);
  });
});
