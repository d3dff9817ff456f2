import { describeFixtureCases } from "../../../test/fixture-case.js";
import { createQianfanAdapter } from "./qianfan-adapter.js";

describeFixtureCases("Baidu Qianfan v2 adapter against recorded fixtures", new URL("./__fixtures__/", import.meta.url), createQianfanAdapter);
