// The stage graph as the webview receives it (laid out by the extension host), and the messages
// between the host and the webview. Types only: shared by both sides.
import type { EdgeKind } from '../../server/src/protocol';

export interface LaidOutNode {
  index: number;
  name?: string;
  base: string;
  line: number;
  x: number;
  y: number;
  width: number;
  height: number;
  shipped: boolean;
  inImage: boolean;
  unreachable: boolean;
  /** The last Build's result for the stage, when there is one (graph-build.ts). */
  build?: import('./graph-build').NodeBuild;
  /** On the way to a shipped image: the shipped stage or any stage it needs. */
  onShippedPath: boolean;
}

export interface LaidOutEdge {
  from: number;
  to: number;
  kind: EdgeKind;
  points: { x: number; y: number }[];
  onShippedPath: boolean;
}

export interface GraphModel {
  title: string;
  nodes: LaidOutNode[];
  edges: LaidOutEdge[];
  width: number;
  height: number;
}

/** Messages from the webview to the extension host. */
export type FromWebview =
  | { type: 'ready' }
  | { type: 'reveal'; index: number }
  | { type: 'rendered'; nodes: number; edges: number };

/** Messages from the extension host to the webview. */
export type ToWebview = { type: 'graph'; model: GraphModel } | { type: 'empty'; message: string };
