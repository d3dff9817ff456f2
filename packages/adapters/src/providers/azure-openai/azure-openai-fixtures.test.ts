import { describeFixtureCases } from "../../../test/fixture-case.js";
import { createAzureOpenAIAdapter } from "./azure-openai-adapter.js";

describeFixtureCases("Azure OpenAI adapter against recorded fixtures", new URL("./__fixtures__/", import.meta.url), createAzureOpenAIAdapter);
