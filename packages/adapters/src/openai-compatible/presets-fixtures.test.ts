import { describeFixtureCases } from "../../test/fixture-case.js";
import { createOpenAICompatibleAdapter } from "./presets.js";

describeFixtureCases("DeepSeek preset against recorded fixtures", new URL("./__fixtures__/", import.meta.url), (transport) => createOpenAICompatibleAdapter("deepseek", transport));
