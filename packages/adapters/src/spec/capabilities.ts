export interface ModelCapabilities {
  chat: boolean;
  chatStreaming: boolean;
  tools: boolean;
  vision: boolean;
  completions: boolean;
  completionsStreaming: boolean;
  embeddings: boolean;
  audioTranscription: boolean;
  audioTranscriptionStreaming: boolean;
  audioTranslation: boolean;
  imageGeneration: boolean;
  imageEdit: boolean;
  moderation: boolean;
}

export type Capability = keyof ModelCapabilities;

export const NO_CAPABILITIES: Readonly<ModelCapabilities> = Object.freeze({
  chat: false,
  chatStreaming: false,
  tools: false,
  vision: false,
  completions: false,
  completionsStreaming: false,
  embeddings: false,
  audioTranscription: false,
  audioTranscriptionStreaming: false,
  audioTranslation: false,
  imageGeneration: false,
  imageEdit: false,
  moderation: false,
});

export function capabilitiesOf(enabled: Capability[]): ModelCapabilities {
  const result: ModelCapabilities = { ...NO_CAPABILITIES };
  for (const capability of enabled) result[capability] = true;
  return result;
}

export type ModelKind = "chat" | "completion" | "embedding" | "transcription" | "image" | "moderation";

/** Best-effort guess from the model id; the model registry may override per model. */
export function classifyModelName(model: string): ModelKind {
  const name = model.toLowerCase();
  if (/embed|bge|tao-8k|tao_8k/.test(name)) return "embedding";
  if (/whisper|transcribe|speech-to-text/.test(name)) return "transcription";
  if (/dall-e|gpt-image|cogview|imagen|image-gen/.test(name)) return "image";
  if (/moderation/.test(name)) return "moderation";
  if (/instruct$|davinci|babbage/.test(name)) return "completion";
  return "chat";
}
