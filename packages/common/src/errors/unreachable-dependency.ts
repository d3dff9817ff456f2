/** Socket errors of a dependency that cannot be reached or dropped the connection. */
const SOCKET_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "ECONNRESET", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENOTFOUND"]);

/**
 * Postgres SQLSTATEs of a server that is going away or not accepting connections yet: class 08
 * (connection exception), 57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now.
 */
const POSTGRES_UNAVAILABLE = /^(08...|57P0[1-3])$/;

/** Messages of node-postgres and knex for a connection that ended or never came (they carry no code). */
const CONNECTION_MESSAGES = [/^Connection terminated/, /^Connection ended unexpectedly/, /^Knex: Timeout acquiring a connection/];

/**
 * True when an error says that a dependency (Postgres, Redis, a socket) is unreachable for now,
 * rather than that the request or the code is wrong: such a failure is `unavailable` (503, worth
 * retrying later), not an opaque internal error (500). The fault suite's Postgres restart found
 * admin writes answered 500 while Postgres was away.
 */
export function isUnreachableDependency(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string" && (SOCKET_CODES.has(code) || POSTGRES_UNAVAILABLE.test(code))) return true;
    if (current.name === "KnexTimeoutError" || CONNECTION_MESSAGES.some((pattern) => pattern.test(current instanceof Error ? current.message : ""))) return true;
  }
  return false;
}
