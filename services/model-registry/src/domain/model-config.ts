/** The ModelConfig aggregate and its value objects (architecture §6.1.1). */

export type ModelStatus = "available" | "error" | "disabled";
export type DeploymentStatus = "available" | "error" | "disabled" | "unknown";

/** Secrets of a provider account. Only ever stored sealed (AES-256-GCM). */
export interface Credentials {
  apiKey?: string;
  secretKey?: string;
  headers?: Record<string, string>;
}

/** Non-secret provider settings, handed to the adapter with the credentials. */
export interface ProviderOptions {
  organization?: string;
  project?: string;
  apiVersion?: string;
  deployments?: Record<string, string>;
  modelEndpoints?: Record<string, string>;
  authMode?: "key" | "jwt";
  appId?: string;
  mockStreamDelayMs?: number;
  mockEmbeddingDimensions?: number;
}

/** ProviderInfo: which vendor, where, and how (the credentials travel beside it, sealed). */
export interface ProviderInfo {
  providerType: string;
  /** Empty = the provider's default. */
  baseUrl: string;
  options: ProviderOptions;
}

export interface ModelCapability {
  endpoints: string[];
  contextWindow: number;
  maxOutputTokens: number;
  supportsTools: boolean;
  supportsVision: boolean;
  supportsStreaming: boolean;
}

export interface NumberRange {
  min: number;
  max: number;
}

export interface RuntimeConfig {
  timeouts: { connectMs: number; firstByteMs: number; idleMs: number; totalMs: number };
  maxRetries: number;
  bounds: { temperature: NumberRange; topP: NumberRange; maxTokens: number };
  defaultParameters: Record<string, unknown>;
  overrideParameters: Record<string, unknown>;
}

export interface FallbackRule {
  model: string;
  on: string[];
}

export interface RoutingPolicy {
  strategy: string;
  fallbacks: FallbackRule[];
}

export interface DeploymentSpec {
  /** Unique within the model. */
  id: string;
  provider: ProviderInfo;
  upstreamModel: string;
  weight: number;
  priority: number;
  tags: string[];
  rpm: number;
  tpm: number;
  enabled: boolean;
}

/** What an administrator configures. */
export interface ModelSpec {
  id: string;
  aliases: string[];
  ownedBy: string;
  description: string;
  enabled: boolean;
  capability: ModelCapability;
  runtime: RuntimeConfig;
  routing: RoutingPolicy;
  /** The BillingRule: a reference to the price plan kept by billing. */
  pricePlanId: string;
}

export interface DeploymentHealth {
  status: DeploymentStatus;
  statusReason: string;
  checkedAt: Date | null;
  checkLatencyMs: number;
}

export interface DeploymentRecord extends DeploymentSpec, DeploymentHealth {
  /** `null` when the provider needs no credentials. */
  sealedCredentials: string | null;
  /** Stored beside the sealed value so that views never need to open it. */
  credentialsHint: CredentialsHint;
}

/** What any API may show of credentials: which exist, and the last four characters of the key. */
export interface CredentialsHint {
  hasApiKey: boolean;
  apiKeyHint: string;
  hasSecretKey: boolean;
  headerNames: string[];
}

export interface ModelRecord extends ModelSpec {
  version: number;
  status: ModelStatus;
  statusReason: string;
  createdAt: Date;
  updatedAt: Date;
  deployments: DeploymentRecord[];
}

/** A deployment as a client submits it: credentials absent on update keep the stored ones. */
export interface DeploymentInput extends Omit<DeploymentSpec, "id"> {
  id: string;
  credentials?: Credentials;
}

export interface ModelInput extends ModelSpec {
  deployments: DeploymentInput[];
}

/** A deployment ready to be stored or routed: spec plus plaintext credentials (in memory only). */
export interface DeploymentDraft extends DeploymentSpec {
  credentials: Credentials | null;
}

export const ENDPOINTS = [
  "chat.completions",
  "completions",
  "embeddings",
  "audio.transcriptions",
  "audio.translations",
  "images.generations",
  "images.edits",
  "moderations",
] as const;

export const FALLBACK_KINDS = ["context_window", "content_policy", "rate_limit", "unavailable"] as const;
