import { describeFixtureCases } from "../../../test/fixture-case.js";
import { GeminiAdapter } from "./gemini-adapter.js";

describeFixtureCases("Gemini adapter against recorded fixtures", new URL("./__fixtures__/", import.meta.url), (transport) => new GeminiAdapter(transport, () => 1_735_000_000_000));
