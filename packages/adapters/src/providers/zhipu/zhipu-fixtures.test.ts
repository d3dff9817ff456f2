import { describeFixtureCases } from "../../../test/fixture-case.js";
import { createZhipuAdapter } from "./zhipu-adapter.js";

describeFixtureCases("Zhipu adapter against recorded fixtures", new URL("./__fixtures__/", import.meta.url), (transport) => createZhipuAdapter(transport));
