import { describeFixtureCases } from "../../../test/fixture-case.js";
import { AnthropicAdapter } from "./anthropic-adapter.js";

describeFixtureCases(
  "Anthropic adapter against recorded fixtures",
  new URL("./__fixtures__/", import.meta.url),
  (transport) => new AnthropicAdapter(transport, () => 1_735_000_000_000),
);
