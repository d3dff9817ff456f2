import { startBaiduMock } from "@llm-serve/testkit";
import { expect } from "vitest";
import { describeChatContract, type ContractMock } from "../../../test/chat-contract-suite.js";
import { BaiduWenxinAdapter } from "./baidu-adapter.js";

describeChatContract({
  provider: "baidu-wenxin",
  model: "ERNIE-4.0-8K",
  startMock: () => startBaiduMock({ apiKey: "ak-good", secretKey: "sk-good" }) as Promise<ContractMock>,
  createAdapter: (transport) => new BaiduWenxinAdapter(transport),
  config: (mock) => ({ apiKey: "ak-good", secretKey: "sk-good", baseUrl: mock.baseUrl }),
  lengthFinishReason: "length",
  toolCallIdsFromUpstream: false,
  errorCases: [
    { title: "HTTP-200 body with 336003 (invalid param)", scenario: { error: { errorCode: 336003 } }, expected: { status: 400, type: "invalid_request", retryable: false, vendorCode: "336003" } },
    { title: "HTTP-200 body with 14 (IAM certification failed)", scenario: { error: { errorCode: 14 } }, expected: { status: 401, type: "authentication", retryable: false, vendorCode: "14" } },
    { title: "HTTP-200 body with 18 (QPS limit)", scenario: { error: { errorCode: 18 } }, expected: { status: 429, type: "rate_limit", retryable: true, vendorCode: "18" } },
    { title: "HTTP-200 body with 17 (daily limit / arrears)", scenario: { error: { errorCode: 17 } }, expected: { status: 429, type: "quota", retryable: false, vendorCode: "17" } },
    { title: "HTTP-200 body with 336000 (internal)", scenario: { error: { errorCode: 336000 } }, expected: { status: 500, type: "server", retryable: true } },
    { title: "HTTP-200 body with 336100 (high load)", scenario: { error: { errorCode: 336100 } }, expected: { status: 503, type: "overloaded", retryable: true } },
    { title: "HTTP 503 with a non-JSON body", scenario: { error: { httpStatus: 503 } }, expected: { status: 503, type: "overloaded", retryable: true } },
    { title: "HTTP 429 with a Baidu body", scenario: { error: { httpStatus: 429, errorCode: 336501 } }, expected: { status: 429, type: "rate_limit", retryable: true, vendorCode: "336501" } },
  ],
  streamError: { type: "overloaded", retryable: true },
  assertToolRoundTripRequest(body) {
    expect(body).toEqual({
      system: "Be brief.",
      messages: [
        { role: "user", content: "Weather in Paris?" },
        { role: "assistant", content: "", function_call: { name: "get_weather", arguments: '{"city":"Paris"}' } },
        { role: "function", name: "get_weather", content: '{"temp_c":18}' },
      ],
      functions: [{ name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } }],
    });
  },
});
