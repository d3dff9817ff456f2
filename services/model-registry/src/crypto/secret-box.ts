// The secret box moved to @llm-serve/common (analytics seals alert webhook secrets with it too).
export { SecretBox } from "@llm-serve/common";
