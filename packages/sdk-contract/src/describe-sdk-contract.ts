import { UndiciTransport, type ProviderAdapter, type ProviderConfig } from "@llm-serve/adapters";
import type { RecordedRequest } from "@llm-serve/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { compareRequests, plainAuth, type AuthView, type IntendedDifference, type KeySpelling } from "./compare-requests.js";
import type { AdapterCall } from "./logical-calls.js";
import { runDriver, type DriverResult } from "./run-driver.js";

/** What the suite needs of a testkit mock. */
export interface ContractMock<TScenario> {
  readonly requests: readonly RecordedRequest[];
  queueScenario(...scenarios: TScenario[]): void;
  clearRequests(): void;
  close(): Promise<void>;
}

export interface ContractCase<TScenario> {
  /** The driver's case name. */
  name: string;
  /** What the mock answers to this case's one request. */
  scenario: TScenario;
  /** Checks what the SDK made of the answer (its parsed result or its typed error). */
  expectSdk(result: DriverResult): void;
  /** The same logical call through the adapter; its request is compared with the SDK's. */
  viaAdapter?: AdapterCall;
  /** Settings of this case's adapter deployment over the contract's `adapterConfig`. */
  adapterSettings?: Partial<ProviderConfig>;
}

export interface SdkContract<TScenario, TMock extends ContractMock<TScenario>> {
  vendor: string;
  /** python/<driver>.py */
  driver: string;
  startMock(): Promise<TMock>;
  apiKey: string;
  /** A key the mock refuses (default "wrong-key"). */
  badKey?: string;
  sdkBaseUrl(mock: TMock): string;
  adapterConfig(mock: TMock): ProviderConfig;
  createAdapter(transport: UndiciTransport): ProviderAdapter;
  cases: Array<ContractCase<TScenario>>;
  /** Every meant difference between the adapter's requests and the SDK's, each with its reason. */
  intended: IntendedDifference[];
  auth?: AuthView;
  /** When the vendor's wire format has two spellings of a key (proto3 JSON), the one both are compared in. */
  keySpelling?: KeySpelling;
  driverExtra?: Record<string, unknown>;
}

/**
 * One vendor's contract: its SDK (one Python process for every case) and its adapter make the same
 * logical calls against the same mock; the SDK must parse every answer, and the two requests of each
 * call may differ only where `intended` says why.
 */
export function describeSdkContract<TScenario, TMock extends ContractMock<TScenario>>(contract: SdkContract<TScenario, TMock>): void {
  describe(`${contract.vendor}: official SDK against the mock, adapter against the SDK`, () => {
    let mock: TMock;
    let results: Map<string, DriverResult>;
    const sdkRequests = new Map<string, RecordedRequest>();
    const adapterRequests = new Map<string, RecordedRequest>();
    const adapterFailures = new Map<string, unknown>();
    const transport = new UndiciTransport();

    beforeAll(async () => {
      mock = await contract.startMock();
      mock.queueScenario(...contract.cases.map((entry) => entry.scenario));
      results = await runDriver(contract.driver, { baseUrl: contract.sdkBaseUrl(mock), apiKey: contract.apiKey, badKey: contract.badKey ?? "wrong-key", cases: contract.cases.map((entry) => entry.name), extra: contract.driverExtra });
      // Each case sends exactly one request (retries are off), so requests line up with cases.
      expect(mock.requests.map((request) => request.path)).toHaveLength(contract.cases.length);
      contract.cases.forEach((entry, index) => sdkRequests.set(entry.name, mock.requests[index]!));
      const adapter = contract.createAdapter(transport);
      for (const entry of contract.cases) {
        if (entry.viaAdapter === undefined) continue;
        mock.clearRequests();
        mock.queueScenario(entry.scenario);
        // A failure is kept for the case's own test to show; the request was recorded all the same.
        await entry.viaAdapter(adapter, { config: { ...contract.adapterConfig(mock), ...entry.adapterSettings } }).catch((error: unknown) => adapterFailures.set(entry.name, error));
        adapterRequests.set(entry.name, mock.requests[0]!);
      }
    });
    afterAll(async () => {
      await transport.close();
      await mock?.close();
    });

    for (const entry of contract.cases) {
      it(`the SDK parses the answer to "${entry.name}"`, () => {
        const result = results.get(entry.name);
        expect(result, `no result for ${entry.name}`).toBeDefined();
        entry.expectSdk(result!);
      });
    }

    const compared = contract.cases.filter((entry) => entry.viaAdapter !== undefined);
    const used = new Set<IntendedDifference>();
    for (const entry of compared) {
      it(`"${entry.name}": the adapter's request matches the SDK's, field by field, but for the intended differences`, () => {
        expect(adapterFailures.get(entry.name), "the adapter's call failed against the mock").toBeUndefined();
        const comparison = compareRequests(entry.name, adapterRequests.get(entry.name)!, sdkRequests.get(entry.name)!, contract.intended, contract.auth ?? plainAuth, contract.keySpelling);
        comparison.used.forEach((difference) => used.add(difference));
        expect(comparison.unexplained).toEqual([]);
      });
    }
    it("every intended difference listed is still a difference (the list is not stale)", () => {
      const stale = contract.intended.filter((difference) => !used.has(difference)).map((difference) => `${String(difference.field)} (${difference.reason})`);
      expect(stale).toEqual([]);
    });
  });
}

/** An SDK result that must be a success. */
export function okResult(result: DriverResult): Record<string, unknown> {
  expect(result.ok, `the SDK failed: ${JSON.stringify(result.error)} ${result.trace ?? ""}`).toBe(true);
  return result.result!;
}

/** An SDK result that must be the SDK's typed error. */
export function sdkError(result: DriverResult): NonNullable<DriverResult["error"]> {
  expect(result.ok, `the SDK accepted an error answer: ${JSON.stringify(result.result)}`).toBe(false);
  return result.error!;
}
