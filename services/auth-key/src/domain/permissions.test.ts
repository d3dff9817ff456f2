import { describe, expect, it } from "vitest";
import type { Actor, Role } from "./actor.js";
import { PERMISSIONS, assertCan, type Action } from "./permissions.js";

const actor = (role: Role, orgId = "org_a"): Actor => ({ userId: "usr_1", role, orgId: role === "platform_admin" ? "" : orgId, clientIp: "", requestId: "" });

describe("the permission table", () => {
  it("lets platform admins do everything, anywhere", () => {
    for (const action of Object.keys(PERMISSIONS) as Action[]) {
      expect(() => assertCan(actor("platform_admin"), action, "org_x")).not.toThrow();
      expect(() => assertCan(actor("platform_admin"), action, null)).not.toThrow();
    }
  });

  it("keeps every other role inside its own organization", () => {
    for (const role of ["org_admin", "org_member", "billing_viewer"] as const) {
      for (const action of Object.keys(PERMISSIONS) as Action[]) {
        expect(() => assertCan(actor(role), action, "org_b")).toThrow(/permission_denied|may not/);
        expect(() => assertCan(actor(role), action, null)).toThrow();
      }
    }
  });

  it("lets billing viewers only read", () => {
    const allowed = (Object.keys(PERMISSIONS) as Action[]).filter((action) => PERMISSIONS[action].includes("billing_viewer"));
    expect(allowed.sort()).toEqual(["audit.read", "key.read", "organization.read", "project.read"]);
  });

  it("lets members manage keys but not projects, users or the audit trail", () => {
    const member = actor("org_member");
    for (const action of ["key.create", "key.update", "key.rotate", "key.revoke", "key.delete", "key.read", "project.read"] as const) {
      expect(() => assertCan(member, action, "org_a")).not.toThrow();
    }
    for (const action of ["project.create", "project.delete", "user.create", "token.issue", "audit.read", "organization.update", "key.quota_policies"] as const) {
      expect(() => assertCan(member, action, "org_a")).toThrow();
    }
  });

  it("keeps organization creation, deletion and the quickstart to platform admins", () => {
    for (const action of ["organization.create", "organization.delete", "quickstart"] as const) {
      expect(PERMISSIONS[action]).toEqual(["platform_admin"]);
    }
  });
});
