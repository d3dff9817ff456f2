/**
 * Whether the API key a run was started with may still make its model calls: asked before a run
 * abandoned by a stopped instance is resumed (ADR 0029), since the gateway trusts the principal the
 * run kept and the key may have been revoked, disabled or expired meanwhile.
 */
export interface KeyChecker {
  /** Why the key may no longer be used (said to the client as the run's last_error), or undefined. */
  refusal(principalJson: string): Promise<string | undefined>;
}
