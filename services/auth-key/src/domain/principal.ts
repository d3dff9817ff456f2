export interface Principal {
  keyId: string;
  projectId: string;
  orgId: string;
  allowedModels: string[];
  allowedEndpoints: string[];
  quotaPolicyIds: string[];
}
