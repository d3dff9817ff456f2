export interface Principal {
  keyId: string;
  projectId: string;
  orgId: string;
  allowedModels: string[];
  allowedEndpoints: string[];
  quotaPolicyIds: string[];
}

/** What the gateway enforces on every request made with the presented secret. */
export interface KeyPolicy {
  requireSignature: boolean;
  signingSecret: string;
  ipAllowList: string[];
  /** Key expiry or end of the presented secret's rotation grace, whichever is first. */
  expiresAt: Date | null;
}

export interface VerifiedKey {
  principal: Principal;
  policy: KeyPolicy;
}

export interface AdminIdentity {
  userId: string;
  role: string;
  orgId: string;
  tokenId: string;
}
