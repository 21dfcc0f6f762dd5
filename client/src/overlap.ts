// Which Stagecraft findings another Dockerfile engine in the same VS Code already reports, and the
// pure decision of which diagnostics to hide (`stagecraft.overlap`). Knows nothing about VS Code:
// unit-tested in test/client/overlap.test.ts. coexistence.ts applies it to the language client.
//
// Where the table comes from (read in each engine's own source):
// - Microsoft's engine — `ms-azuretools.vscode-containers` (Container Tools) and
//   `ms-azuretools.vscode-docker` (1.x ran the same server itself; 2.x only depends on Container
//   Tools) — starts dockerfile-language-server-nodejs, whose diagnostics are dockerfile-utils'
//   validator with every check on. Every validator problem Stagecraft maps is a `syntax/` rule
//   (server/src/core/support/validator.ts); the checks it runs as warnings, each with a
//   `docker.languageserver.diagnostics.<check>` setting (`ignore` turns it off), are BuildKit
//   checks here. Its duplicate stage name is always an error.
// - Docker DX (`docker.docker`) runs docker-language-server, which lints with
//   `docker buildx build --call=check,format=json` and reports every BuildKit check warning with
//   the check's name as its code: all `buildkit/` rules. Its other finding is the one build error
//   BuildKit stops at (first parse error only, without a rule id): Stagecraft's `syntax/` findings
//   stay, since hiding them would lose every error after the first. (DX also starts the same
//   Microsoft language server when Microsoft's extension is absent, but drops all its
//   diagnostics; and with Microsoft's present it drops its own six overlapping checks — the same
//   six listed under `microsoft` below.)

export type OverlapMode = 'auto' | 'show' | 'hide';
export const OVERLAP_MODES: readonly OverlapMode[] = ['auto', 'show', 'hide'];

export type Engine = 'microsoft' | 'docker-dx';

/** Extension ids (lowercase, as VS Code compares them) → the engine each one runs. */
export const ENGINE_EXTENSIONS: Readonly<Record<string, Engine>> = {
  'ms-azuretools.vscode-containers': 'microsoft',
  'ms-azuretools.vscode-docker': 'microsoft',
  'docker.docker': 'docker-dx',
};

export const ENGINE_NAMES: Readonly<Record<Engine, string>> = {
  microsoft: "Microsoft's Dockerfile language service",
  'docker-dx': 'Docker DX',
};

/** Microsoft's per-check settings, `docker.languageserver.diagnostics.<check>`: ignore | warning | error. */
export type MicrosoftCheck =
  | 'deprecatedMaintainer' | 'emptyContinuationLine' | 'instructionCasing' | 'instructionCmdMultiple'
  | 'instructionEntrypointMultiple' | 'instructionHealthcheckMultiple' | 'instructionJSONInSingleQuotes'
  | 'instructionWorkdirRelative';
export const MICROSOFT_CHECK_SECTION = 'docker.languageserver.diagnostics';

export interface OverlapEntry {
  rule: string;
  engine: Engine;
  /**
   * Whether the engine reports this finding too (by its message, Stagecraft's own wording), and
   * under which of Microsoft's check settings; absent: every finding of the rule, always.
   */
  reported?: (message: string) => { check?: MicrosoftCheck } | false;
}

const always = (check: MicrosoftCheck) => () => ({ check });

/** dockerfile-utils' problems that Stagecraft maps to syntax/ rules (always on in Microsoft's engine). */
const SYNTAX_RULES = [
  'syntax/unknown-instruction', 'syntax/missing-arguments', 'syntax/extra-arguments', 'syntax/invalid-flag',
  'syntax/invalid-duration', 'syntax/invalid-escape-directive', 'syntax/invalid-reference', 'syntax/invalid-port',
  'syntax/invalid-stage-name', 'syntax/invalid-key-value', 'syntax/invalid-onbuild', 'syntax/invalid-healthcheck',
  'syntax/invalid-destination',
];

/** BuildKit's checks, each reported by Docker DX under its BuildKit name. */
const BUILDKIT_RULES = [
  'ConsistentInstructionCasing', 'CopyIgnoredFile', 'DuplicateStageName', 'ExposeInvalidFormat', 'ExposeProtoCasing',
  'FromAsCasing', 'FromPlatformFlagConstDisallowed', 'InvalidBaseImagePlatform', 'InvalidDefaultArgInFrom',
  'InvalidDefinitionDescription', 'JSONArgsRecommended', 'LegacyKeyValueFormat', 'MaintainerDeprecated',
  'MultipleInstructionsDisallowed', 'NoEmptyContinuation', 'RedundantTargetPlatform', 'ReservedStageName',
  'SecretsUsedInArgOrEnv', 'StageNameCasing', 'UndefinedArgInFrom', 'UndefinedVar', 'WorkdirRelativePath',
].map((name) => `buildkit/${name}`);

const MULTIPLE_CHECK: Record<string, MicrosoftCheck> = {
  CMD: 'instructionCmdMultiple', ENTRYPOINT: 'instructionEntrypointMultiple', HEALTHCHECK: 'instructionHealthcheckMultiple',
};

export const OVERLAP_TABLE: readonly OverlapEntry[] = [
  ...BUILDKIT_RULES.map((rule): OverlapEntry => ({ rule, engine: 'docker-dx' })),

  ...SYNTAX_RULES.map((rule): OverlapEntry => ({ rule, engine: 'microsoft' })),
  // SHELL_JSON_FORM is always on; JSON_IN_SINGLE_QUOTES is the instructionJSONInSingleQuotes check
  {
    rule: 'syntax/invalid-json', engine: 'microsoft',
    reported: (m) => (/single quotes/i.test(m) ? { check: 'instructionJSONInSingleQuotes' } : {}),
  },
  // DEPRECATED_MAINTAINER
  { rule: 'buildkit/MaintainerDeprecated', engine: 'microsoft', reported: always('deprecatedMaintainer') },
  // EMPTY_CONTINUATION_LINE
  { rule: 'buildkit/NoEmptyContinuation', engine: 'microsoft', reported: always('emptyContinuationLine') },
  // WORKDIR_IS_NOT_ABSOLUTE flags every relative WORKDIR; BuildKit only those with no absolute one before
  { rule: 'buildkit/WorkdirRelativePath', engine: 'microsoft', reported: always('instructionWorkdirRelative') },
  // DUPLICATE_BUILD_STAGE_NAME: an error, no setting
  { rule: 'buildkit/DuplicateStageName', engine: 'microsoft' },
  // CASING_INSTRUCTION flags every instruction not in uppercase: the same instruction only when
  // the majority is uppercase (in a lowercase file Stagecraft flags the uppercase ones, it does not)
  {
    rule: 'buildkit/ConsistentInstructionCasing', engine: 'microsoft',
    reported: (m) => (/majority \(uppercase\)/i.test(m) ? { check: 'instructionCasing' } : false),
  },
  // MULTIPLE_INSTRUCTIONS: per stage, every CMD/ENTRYPOINT/HEALTHCHECK but the last, as BuildKit
  {
    rule: 'buildkit/MultipleInstructionsDisallowed', engine: 'microsoft',
    reported: (m) => {
      const kw = /Multiple (\w+) instructions/i.exec(m)?.[1]?.toUpperCase();
      const check = kw ? MULTIPLE_CHECK[kw] : undefined;
      return check ? { check } : false;
    },
  },
  // Not listed: BASE_NAME_EMPTY overlaps buildkit/UndefinedArgInFrom and InvalidDefaultArgInFrom
  // only when the whole image name is one variable (`FROM $BASE`); those findings stay.
];

const BY_RULE = new Map<string, OverlapEntry[]>();
for (const e of OVERLAP_TABLE) {
  const list = BY_RULE.get(e.rule) ?? [];
  list.push(e);
  BY_RULE.set(e.rule, list);
}

export interface OverlapState {
  mode: OverlapMode;
  /** The engines whose extension is installed and enabled. */
  engines: ReadonlySet<Engine>;
  /** Microsoft's setting for one of its checks (undefined: not set, its default is `warning`). */
  microsoftCheck?: (check: MicrosoftCheck) => unknown;
}

export function parseMode(value: unknown): OverlapMode {
  return OVERLAP_MODES.includes(value as OverlapMode) ? value as OverlapMode : 'auto';
}

/** The engines run by the given extension ids. */
export function enginesOf(extensionIds: Iterable<string>): Set<Engine> {
  const out = new Set<Engine>();
  for (const id of extensionIds) {
    const engine = ENGINE_EXTENSIONS[id.toLowerCase()];
    if (engine) out.add(engine);
  }
  return out;
}

/** The engines whose findings are hidden in this state: none (show), all (hide), or those present (auto). */
export function hidingEngines(state: Pick<OverlapState, 'mode' | 'engines'>): Set<Engine> {
  if (state.mode === 'show') return new Set();
  if (state.mode === 'hide') return new Set<Engine>(['microsoft', 'docker-dx']);
  return new Set(state.engines);
}

/** The engine that already reports this finding (so Stagecraft hides it), or undefined. */
export function reportedBy(rule: string, message: string, state: OverlapState): Engine | undefined {
  const entries = BY_RULE.get(rule);
  if (!entries) return undefined;
  const hiding = hidingEngines(state);
  for (const e of entries) {
    if (!hiding.has(e.engine)) continue;
    const r = e.reported ? e.reported(message) : {};
    if (r === false) continue;
    if (r.check && isOff(state.microsoftCheck?.(r.check))) continue;
    return e.engine;
  }
  return undefined;
}

function isOff(setting: unknown): boolean {
  return typeof setting === 'string' && setting.trim().toLowerCase() === 'ignore';
}

/** A diagnostic's code as text: VS Code gives `{ value, target }` when the code has a documentation link. */
export function codeText(code: unknown): string {
  if (code && typeof code === 'object' && 'value' in code) return String((code as { value: unknown }).value);
  return code === undefined || code === null ? '' : String(code);
}

export interface DiagnosticLike {
  code?: unknown;
  message: string;
}

/** Splits diagnostics into those shown and the number hidden per engine. */
export function filterOverlapping<T extends DiagnosticLike>(diagnostics: readonly T[], state: OverlapState): { shown: T[]; hidden: Partial<Record<Engine, number>> } {
  const shown: T[] = [];
  const hidden: Partial<Record<Engine, number>> = {};
  if (hidingEngines(state).size === 0) return { shown: [...diagnostics], hidden };
  for (const d of diagnostics) {
    const engine = reportedBy(codeText(d.code), d.message, state);
    if (engine) hidden[engine] = (hidden[engine] ?? 0) + 1;
    else shown.push(d);
  }
  return { shown, hidden };
}

/** The rule ids an engine may report (for the README and the tests). */
export function rulesOf(engine: Engine): string[] {
  return [...new Set(OVERLAP_TABLE.filter((e) => e.engine === engine).map((e) => e.rule))].sort();
}

/** What the filter asks its host (VS Code in coexistence.ts; plain functions in the tests). */
export interface OverlapHost<U> {
  /** Ids of the installed and enabled extensions among ENGINE_EXTENSIONS' (any order). */
  installedEngineExtensions(): string[];
  /** `stagecraft.overlap` and Microsoft's check settings for a document. */
  settingsFor(uri: U): Pick<OverlapState, 'mode' | 'microsoftCheck'>;
  key(uri: U): string;
}

/**
 * Keeps each document's last published diagnostics and hands on the ones to show; after a change
 * of extensions or settings, hands every document's diagnostics on again through the new filter
 * (so nothing waits for the server to publish again).
 */
export class OverlapFilter<U, D extends DiagnosticLike> {
  private readonly published = new Map<string, { uri: U; diagnostics: D[]; next: (uri: U, shown: D[]) => void }>();
  private readonly hiddenCounts = new Map<string, number>();
  private installed: string[];
  private dockerDxCannotLint = false;

  constructor(private readonly host: OverlapHost<U>) {
    this.installed = [...host.installedEngineExtensions()].sort();
  }

  /** The extensions of other engines found, sorted. */
  get extensions(): string[] {
    return [...this.installed];
  }

  /** The engines counted as reporting: installed, and for Docker DX able to run its build checks. */
  engines(): Set<Engine> {
    const engines = enginesOf(this.installed);
    if (this.dockerDxCannotLint) engines.delete('docker-dx');
    return engines;
  }

  hidden(): Record<string, number> {
    return Object.fromEntries(this.hiddenCounts);
  }

  /** The language client's diagnostics for one document: remembered, and the shown ones passed to `next`. */
  handle(uri: U, diagnostics: D[], next: (uri: U, shown: D[]) => void): void {
    const key = this.host.key(uri);
    if (diagnostics.length === 0) this.published.delete(key);
    else this.published.set(key, { uri, diagnostics, next });
    next(uri, this.filter(uri, diagnostics));
  }

  /** Reads the installed extensions again; republishes and returns true when they changed. */
  extensionsChanged(): boolean {
    const now = [...this.host.installedEngineExtensions()].sort();
    if (now.join('\n') === this.installed.join('\n')) return false;
    this.installed = now;
    this.republish();
    return true;
  }

  /** Whether Docker DX's build checks can run; republishes and returns true when that changed. */
  setDockerDxCanLint(can: boolean): boolean {
    if (can === !this.dockerDxCannotLint) return false;
    this.dockerDxCannotLint = !can;
    this.republish();
    return true;
  }

  /** Settings changed: every document's diagnostics through the filter again. */
  republish(): void {
    for (const p of this.published.values()) p.next(p.uri, this.filter(p.uri, p.diagnostics));
  }

  private filter(uri: U, diagnostics: D[]): D[] {
    const { shown, hidden } = filterOverlapping(diagnostics, { ...this.host.settingsFor(uri), engines: this.engines() });
    const count = Object.values(hidden).reduce((a, b) => a + (b ?? 0), 0);
    const key = this.host.key(uri);
    if (count > 0) this.hiddenCounts.set(key, count);
    else this.hiddenCounts.delete(key);
    return shown;
  }
}
