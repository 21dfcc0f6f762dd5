/**
 * The contract between the Stagecraft language server and its clients.
 * This is the one server file the VS Code client may import: it holds only
 * names and shapes, no behaviour, and imports nothing.
 */

/** Commands the server puts on CodeLenses; the client registers and runs them. */
export const Commands = {
  buildStage: 'stagecraft.buildStage',
  runStage: 'stagecraft.runStage',
  shellStage: 'stagecraft.shellStage',
  showStageGraph: 'stagecraft.showStageGraph',
  restartServer: 'stagecraft.restartServer',
  showOutput: 'stagecraft.showOutput',
  /** Client command that opens a rule's documentation page. Argument: rule id. */
  showRuleDoc: 'stagecraft.showRuleDocumentation',
  /** What rebuilds when a file changes: a file or folder URI (explorer), or ExplainLensArgs (the stage lens: any source file). */
  explainFileChange: 'stagecraft.explainFileChange',
} as const;

/** Argument of explainFileChange from a stage's `N of M steps rebuild` lens. */
export interface ExplainLensArgs {
  uri: string;
  /** The stage (name or index) to explain as the target. */
  target: string;
  stageIndex: number;
}

/** Arguments of buildStage / runStage / shellStage (one object, first argument). */
export interface StageCommandArgs {
  /** Document URI of the Dockerfile. */
  uri: string;
  /** The stage's name, or its index as a string when it has no name: the value for `--target`. */
  target: string;
  /** 0-based stage index. */
  stageIndex: number;
  /** 0-based line of the stage's FROM. */
  line: number;
  /** Whether the stage has a name (`docker build --target` needs one). */
  named: boolean;
}

/** Custom request: the stage graph of a document. */
export const StageGraphRequest = 'stagecraft/stageGraph';
export interface StageGraphParams {
  textDocument: { uri: string };
}

export interface Position0 {
  line: number;
  character: number;
}
export interface Range0 {
  start: Position0;
  end: Position0;
}

export interface StageGraph {
  stages: StageGraphNode[];
  edges: StageGraphEdge[];
  /** Indexes of the stages configured as targets (default: the last stage). */
  targets: number[];
}

export interface StageGraphNode {
  index: number;
  name?: string;
  /** The base as written after FROM (image reference, stage name, or `scratch`). */
  base: string;
  /** Index of the parent stage when the base is a stage. */
  parent?: number;
  /** Range of the FROM instruction. */
  range: Range0;
  /** The final stage of a target. */
  shipped: boolean;
  /** Its filesystem is part of a shipped image (a shipped stage or a FROM-ancestor of one). */
  inImage: boolean;
  /** No configured target needs it. */
  unreachable: boolean;
}

export type EdgeKind = 'from' | 'copy' | 'mount';

export interface StageGraphEdge {
  /** Index of the stage providing files / the base. */
  from: number;
  /** Index of the stage using them. */
  to: number;
  kind: EdgeKind;
  range: Range0;
}

/** The settings the server reads per resource from `workspace/configuration` (section `stagecraft`). */
export interface StagecraftSettings {
  enable: boolean;
  /** Severity overrides by rule id: off | hint | info | warning | error. */
  rules: Record<string, string>;
  /** Stage names (or indexes) that are build targets. Empty: the last stage. */
  targets: string[];
  build: {
    context: string;
    args: Record<string, string>;
    extraArgs: string[];
    tag: string;
  };
  docker: { path: string };
  codeLens: { enable: boolean };
}

export const defaultSettings: StagecraftSettings = {
  enable: true,
  rules: {},
  targets: [],
  build: { context: '', args: {}, extraArgs: [], tag: '${dockerfileBasename}:${stage}' },
  docker: { path: 'docker' },
  codeLens: { enable: true },
};

/**
 * Node options the language server runs with, wherever it is started: the VS Code client passes
 * them as execArgv, `bin/stagecraft-language-server.js` has them on its `#!` line (a test keeps
 * the two equal) and the benchmark starts the server as that line says. The old generation grows
 * by half when it fills (instead of V8's larger factor for a machine with memory to spare); the
 * heap stays unbounded, so a huge file is slow, never fatal. A smaller young generation would
 * lower the peak further (1 MB: about 87 MB with 590 files open instead of about 125 MB) but
 * measured 70% slower per keystroke on a 2,000-line file, whose analysis then no longer fits in
 * it: see the README's performance section.
 *
 * `--max-opt=1`: no optimizing compiler, code runs in V8's baseline tier (Sparkplug). An edit now
 * costs the server about a millisecond, and the optimizing compiler's bursts in the first minutes
 * of a session were the slow keystrokes: its background threads took the cores the client and the
 * server needed to wake (or, compiling on the main thread, delayed the diagnostics themselves).
 * Measured with `npm run bench` (docs/performance.md, round 6): p95 at 80 lines 4.3 → 1.5 ms, at
 * 2,000 lines 5.8 → 2.6 ms; the price is throughput on bulk work: the first analysis of a
 * 10,000-line file 243 → 460 ms, a 10,000-line keystroke p95 7 → 10 ms, opening 590 files +10%.
 * The CLI, a batch job, keeps the optimizing compiler.
 *
 * `--min-semi-space-size=16`: the young generation starts at the size it reaches anyway under
 * typing (16 MB, V8's default maximum). Smaller, it was collected on one keystroke in 12 at 80 lines,
 * each collection run as a task right after the diagnostics were written, so the next keystroke
 * waited for it; now one in 36 (80-line p95 1.45–1.52 → 1.32–1.34 ms, scripts/bench/latency-split.mjs),
 * with the same peak RSS in the bench (98–99 MB with 590 files open).
 */
export const SERVER_NODE_OPTIONS: readonly string[] = ['--heap-growing-percent=50', '--max-opt=1', '--min-semi-space-size=16'];

/** Base URL of the rule documentation pages (`<base>/<family>/<name>.md`). */
export const RULE_DOCS_BASE = 'https://github.com/stagecraft-dev/stagecraft/blob/main/docs/rules';

/**
 * Custom request: what rebuilds, and why (the editor's `stagecraft explain`). Without `changed`
 * the answer is for "a source file of the build context changes".
 */
export const ExplainRequest = 'stagecraft/explain';
export interface ExplainParams {
  textDocument: { uri: string };
  /** Files or folders that changed: `file:` URIs, or paths relative to the build context (folders end with `/`). */
  changed?: string[];
  /** Build arguments whose value changed. */
  changedArgs?: string[];
  /** The stage to build (default: the first configured target, else the last stage). */
  target?: string;
}
export type ExplainStatus = 'reused' | 'rebuilt' | 'depends' | 'unknown';
export interface ExplainStepInfo {
  /** The stage's name, or its index as a string. */
  stage: string;
  stageIndex: number;
  /** 1-based line of the instruction (as `stagecraft explain --format json`). */
  line: number;
  /** The instruction's range in the document. */
  range: Range0;
  instruction: string;
  status: ExplainStatus;
  cause: string | null;
  /** Whether BuildKit runs the instruction as a step of its own (FROM an image, RUN, COPY, ADD, WORKDIR). */
  buildStep: boolean;
}
export interface ExplainResult {
  target: string;
  /** The build context folder the answer was computed for. */
  contextDir?: string;
  /** true when no changes were given: the answer is for "a source file changes". */
  anySource: boolean;
  steps: ExplainStepInfo[];
  /** Per stage on the target's path: build steps, and how many of them rebuild. */
  stages: { stage: string; index: number; steps: number; rebuilt: number }[];
  /** Steps that re-run on every build whatever changed. */
  everyBuild: ExplainStepInfo[];
}
