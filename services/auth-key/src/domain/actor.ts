export const ROLES = ["platform_admin", "org_admin", "org_member", "billing_viewer"] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/** Who performs an operation: an admin user as authenticated by the gateway. */
export interface Actor {
  userId: string;
  role: Role;
  /** Empty for platform admins. */
  orgId: string;
  clientIp: string;
  requestId: string;
}

/** The service itself (first-run bootstrap). */
export const SYSTEM_ACTOR: Actor = { userId: "system", role: "platform_admin", orgId: "", clientIp: "", requestId: "" };
