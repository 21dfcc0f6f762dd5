import type { Finding, FindingTag, Fix, Range, Severity, SeveritySetting } from '../types';
import type { Stage, StageModel } from '../model/stages';
import type { ContextView } from '../context';
import type { CheckDirective } from '../check-directive';

/** Base address of the rule pages (`<base>/<family>/<name>.md`). */
export const RULE_DOCS_BASE = 'https://github.com/stagecraft-dev/stagecraft/blob/main/docs/rules';

export function ruleDocsUrl(id: string): string {
  return `${RULE_DOCS_BASE}/${id}.md`;
}

export type RuleFamily = 'stage' | 'cache' | 'security' | 'buildkit' | 'syntax';

export interface Report<M extends string = string> {
  message: M;
  /** Values for `{name}` placeholders of the message. */
  data?: Record<string, string | number>;
  range: Range;
  fixes?: Fix[];
  tags?: FindingTag[];
  /** Overrides the rule's severity for this finding (rarely needed). */
  severity?: Severity;
  /**
   * Stage-scoped rules only: a finding that several stages would report (a step of a shared
   * ancestor) names itself; of the findings of one rule with the same key, only the one of the
   * first stage, in stage order, is kept.
   */
  key?: string;
}

export interface RuleContext<M extends string = string> {
  model: StageModel;
  context: ContextView;
  check: CheckDirective;
  report(r: Report<M>): void;
}

export interface Rule<M extends string = string> {
  /** `<family>/<name>`: API, never changes. */
  id: string;
  severity: Severity;
  /** One line: what the rule finds. */
  description: string;
  /** Message templates by message id; `{x}` placeholders are filled from `data`. */
  messages: Record<M, string>;
  /** hadolint codes this rule corresponds to (honours `# hadolint ignore=`). */
  hadolint?: string[];
  /** BuildKit check name this rule corresponds to. */
  buildkit?: string;
  /** Experimental rules run only when enabled (BuildKit's `# check=experimental=`). */
  experimental?: boolean;
  /** A rule checks the whole file (`check`) or one stage at a time (`checkStage`): exactly one of the two. */
  check?(ctx: RuleContext<M>): void;
  /**
   * A stage-scoped rule: reports what is wrong in `stage`, reading only that stage, its FROM
   * ancestors (the stages it is built on, transitively), the text before the first FROM, the FROM
   * lines of every stage, and whether the stage is a target, needed, shipped or in the image. Not
   * the stages it copies or mounts from: a rule that needs those checks the whole file. Nothing
   * else of the file may change its findings: an analysis keeps them for every stage whose inputs
   * did not change since the previous version (see `stageInputs` in `analyze.ts`).
   */
  checkStage?(ctx: RuleContext<M>, stage: Stage): void;
  /**
   * With `checkStage`: the stage's inputs also include the stages it copies or mounts files from
   * (`COPY --from`, `RUN --mount=from`), each with its FROM ancestors.
   */
  readsCopySources?: boolean;
  /**
   * With `checkStage` (and without `readsCopySources`): the only instructions of the stage itself the
   * rule reads, by keyword (`['RUN']`, `['COPY', 'ADD', 'WORKDIR']`; `[]`: none); its FROM and the
   * comments in the stage are always read, its ancestors wholly. Its findings for a stage are kept
   * while those are the same, when other instructions of the stage change. Declare only what the
   * whole rule reads, helpers included (a workdir is read from WORKDIR, a variable from ARG and ENV,
   * the stage's ecosystems from RUN and COPY); absent, every instruction is read.
   */
  readsInstructions?: readonly string[];
  /**
   * With `checkStage`: reports what lies before the first FROM (instructions there belong to no
   * stage). Runs on every analysis, so it reads only that part of the file.
   */
  checkPrelude?(ctx: RuleContext<M>): void;
}

export function defineRule<M extends string>(rule: Rule<M>): Rule<M> {
  return rule;
}

export function formatMessage(template: string, data: Record<string, string | number> = {}): string {
  return template.replace(/\{([A-Za-z0-9_]+)\}/g, (m, k) => (k in data ? String(data[k]) : m));
}

export function toFinding(rule: Rule, r: Report, severity: Severity): Finding {
  const template = (rule.messages as Record<string, string>)[r.message] ?? r.message;
  return {
    rule: rule.id,
    severity: r.severity ?? severity,
    message: formatMessage(template, r.data),
    range: r.range,
    fixes: r.fixes ?? [],
    ...(r.tags && r.tags.length ? { tags: r.tags } : {}),
  };
}

export type { SeveritySetting };
