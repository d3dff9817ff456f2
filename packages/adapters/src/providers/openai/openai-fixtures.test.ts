import { describeFixtureCases } from "../../../test/fixture-case.js";
import { createOpenAIAdapter } from "./openai-adapter.js";

describeFixtureCases("OpenAI adapter against recorded fixtures", new URL("./__fixtures__/", import.meta.url), createOpenAIAdapter);
