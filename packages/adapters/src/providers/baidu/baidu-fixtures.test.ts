import { describeFixtureCases } from "../../../test/fixture-case.js";
import { BaiduWenxinAdapter } from "./baidu-adapter.js";

describeFixtureCases("Baidu Wenxin v1 adapter against recorded fixtures", new URL("./__fixtures__/", import.meta.url), (transport) => new BaiduWenxinAdapter(transport, () => 1_735_000_000_000));
