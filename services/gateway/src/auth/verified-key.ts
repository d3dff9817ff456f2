import type { BlockList } from "node:net";
import type { Principal } from "../ports/authenticator.js";

/** What the gateway keeps in memory for a verified key, and enforces on every request. */
export interface VerifiedKey {
  principal: Principal;
  requireSignature: boolean;
  /** Held in memory only; never logged. */
  signingSecret: string;
  /** Undefined when the key may be used from any address. */
  allowList: BlockList | undefined;
  /** Key expiry or end of the presented secret's rotation grace; 0 = never. */
  expiresAtMs: number;
}
