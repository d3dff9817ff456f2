import { capabilitiesOf, classifyModelName, type ModelCapabilities } from "../../spec/capabilities.js";

/** OpenAI serves every endpoint; which one a model can use follows from its name. */
export function openAICapabilities(model: string): ModelCapabilities {
  switch (classifyModelName(model)) {
    case "embedding":
      return capabilitiesOf(["embeddings"]);
    case "transcription":
      return capabilitiesOf(
        model === "whisper-1"
          ? ["audioTranscription", "audioTranslation"]
          : ["audioTranscription", "audioTranscriptionStreaming"],
      );
    case "image":
      return capabilitiesOf(["imageGeneration", "imageEdit"]);
    case "moderation":
      return capabilitiesOf(["moderation"]);
    case "completion":
      return capabilitiesOf(["completions", "completionsStreaming"]);
    case "chat":
      return capabilitiesOf(["chat", "chatStreaming", "tools", "vision"]);
  }
}
