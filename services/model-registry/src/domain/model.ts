export interface ModelRecord {
  id: string;
  version: number;
  providerType: string;
  ownedBy: string;
  status: string;
  endpoints: string[];
  createdAt: Date;
}

/** The model a fresh platform serves, backed by the network-free `mock` provider. */
export const DEMO_MODEL: Omit<ModelRecord, "createdAt" | "version"> = {
  id: "llmserve-demo",
  providerType: "mock",
  ownedBy: "llm-serve",
  status: "available",
  endpoints: ["chat.completions", "completions", "embeddings"],
};
