/**
 * Retries of the suite's own set-up (ADR 0036): creating the organizations, projects, keys and
 * models a test needs, and starting the platform. On a loaded machine (CI: two cores, load 4–15)
 * such a call sometimes meets a dependency's deadline (503) or a broken connection; that is not what
 * the test is about, so set-up tries again. Calls under test are never retried here.
 */

/** Tries of one set-up step, the first included. */
export const SETUP_ATTEMPTS = 5;
/** Pause before the second try; doubled before each later one (0.5, 1, 2, 4 s). */
const FIRST_BACKOFF_MS = 500;

/** One retried set-up step: what it was and what the failed try got. */
export interface SetupRetry {
  step: string;
  attempt: number;
  cause: string;
}

/** Every retry of set-up in this test file: reported with the figures, so they stay visible. */
export const setupRetries: SetupRetry[] = [];

/** Thrown by a step whose failure is worth another try (a 503, a broken connection). */
export class RetryableSetupError extends Error {}

export interface RetrySetupOptions {
  /** Tries, the first included (SETUP_ATTEMPTS). */
  attempts?: number;
  /** Which errors are worth another try (isRetryable). */
  retryable?: (error: unknown) => boolean;
  /** Pause before the second try, doubled before each later one (500 ms). */
  firstBackoffMs?: number;
}

/**
 * Runs `step` until it succeeds, for at most SETUP_ATTEMPTS tries with a growing pause between
 * them. By default only a RetryableSetupError or a transport error (fetch's TypeError) is tried
 * again; any other error fails set-up at once, as before.
 */
export async function retrySetup<T>(name: string, step: () => Promise<T>, options: RetrySetupOptions = {}): Promise<T> {
  const attempts = options.attempts ?? SETUP_ATTEMPTS;
  const retryable = options.retryable ?? isRetryable;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await step();
    } catch (error) {
      if (attempt >= attempts || !retryable(error)) throw error;
      setupRetries.push({ step: name, attempt, cause: describe(error).slice(0, 200) });
      await new Promise((resolve) => setTimeout(resolve, (options.firstBackoffMs ?? FIRST_BACKOFF_MS) * 2 ** (attempt - 1)));
    }
  }
}

/** A 503 (RetryableSetupError) or a connection that failed before an answer (fetch throws a TypeError). */
export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableSetupError || (error instanceof TypeError && /fetch failed|terminated|socket/i.test(error.message));
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = (error as { cause?: unknown }).cause;
  return cause instanceof Error ? `${error.message}: ${cause.message}` : error.message;
}

/** Prints this file's set-up retries as figures (`EDGE-FIGURES {"scenario":"set-up: …"}`), even when none. */
export function reportSetupRetries(file: string): void {
  console.log(`EDGE-FIGURES ${JSON.stringify({ scenario: `set-up: ${file}`, ...setupRetryFigures(), ...(setupRetries.length > 0 ? { causes: setupRetries.map((retry) => `${retry.step} #${retry.attempt}: ${retry.cause}`) } : {}) })}`);
}

/** The retries as the figures report them: how many, and of which steps. */
export function setupRetryFigures(): { setupRetries: number; setupRetried?: Record<string, number> } {
  if (setupRetries.length === 0) return { setupRetries: 0 };
  const byStep: Record<string, number> = {};
  for (const retry of setupRetries) byStep[retry.step] = (byStep[retry.step] ?? 0) + 1;
  return { setupRetries: setupRetries.length, setupRetried: byStep };
}
