import type { Endpoint } from "../scenarios.js";

/** What every peer is started with: the mock upstream it must call and where its files go. */
export interface PeerContext {
  /** The cache that deploy/local/components/peers.sh installs into (outside the repository). */
  peersDirectory: string;
  /** This run's directory: the peer's log and configuration. */
  runDirectory: string;
  upstream: { url: string; baseUrl: string };
  /** The key the mock upstream checks. */
  vendorKey: string;
}

export interface RunningPeer {
  version: string;
  endpoint: Endpoint;
  /** The peer's process (its descendants are measured with it). */
  pid: number;
  stop(): Promise<void>;
}

export interface PeerDefinition {
  /** As `--peer` names it and peers.sh installs it. */
  id: string;
  /** As the report names it. */
  name: string;
  /** What it does per call in the bench's set-up. */
  description: string;
  start(context: PeerContext): Promise<RunningPeer>;
}
