import { defineRule } from '../rule';
import type { Fix } from '../../types';
import type { Ecosystem } from '../../model/ecosystems';
import { InstallCommand, installOf } from '../../model/installs';
import { cacheDisabled, cacheTargetsOf, cleanupOf, isCacheMountFor } from '../../model/cache-facts';
import { commandRange, stageLineage } from '../../model/cache-copies';
import type { Stage, StageModel } from '../../model/stages';
import type { Instruction } from 'dockerfile-ast';
import { programName } from '../../model/shell';

const MANAGER: Record<Ecosystem, string> = {
  npm: 'npm', yarn: 'Yarn', pnpm: 'pnpm', bun: 'Bun', pip: 'pip', poetry: 'Poetry', uv: 'uv', pipenv: 'Pipenv',
  go: 'Go module', cargo: 'Cargo', maven: 'Maven', gradle: 'Gradle', bundler: 'gem', composer: 'Composer',
  dotnet: 'NuGet', apt: 'apt', apk: 'apk', dnf: 'dnf',
};

/** ENV values in effect before `instr` (the stage and its FROM ancestors). */
function envBefore(model: StageModel, stage: Stage, instr: Instruction): Record<string, string> {
  const env: Record<string, string> = {};
  const lineage = new Set(stageLineage(model, stage).map((s) => s.index));
  const line = instr.getRange().start.line;
  for (const d of model.decls) {
    if (d.kind !== 'env' || !lineage.has(d.stage)) continue;
    if (d.stage === stage.index && d.instruction.getRange().start.line >= line) continue;
    env[d.name] = d.value ?? '';
  }
  return env;
}

/** Whether the RUN runs as root (no USER, or USER root/0, before it in the stage and its ancestors). */
function runsAsRoot(model: StageModel, stage: Stage, instr: Instruction): boolean {
  const line = instr.getRange().start.line;
  let user: string | undefined;
  for (const s of stageLineage(model, stage).reverse()) {
    for (const i of s.instructions) {
      if (s.index === stage.index && i.getRange().start.line >= line) break;
      if (i.getKeyword() === 'USER') user = (i.getArgumentsContent() ?? '').trim();
    }
  }
  return user === undefined || /^(root|0)(:.*)?$/.test(user);
}

export default defineRule({
  id: 'cache/install-without-cache-mount',
  // A rebuild-speed suggestion, not a defect: `hint` (see the rule page for the corpus numbers behind it).
  severity: 'hint',
  description: 'A package-manager install in a RUN without a cache mount for that manager\'s download cache.',
  messages: {
    noMount: "'{command}' downloads {manager} packages in a RUN without a cache mount, so every rebuild of this layer downloads them all again; add '--mount=type=cache,target={target}'.",
  },
  checkStage({ model, report }, stage) {
    for (const run of stage.runs) {
      const cacheTargets = run.mounts.filter((m) => m.type === 'cache').map((m) => m.options.target ?? m.options.dst ?? m.options.destination ?? '');
      const byEco = new Map<Ecosystem, InstallCommand>();
      let env: Record<string, string> | undefined;
      let cleaned: Set<Ecosystem> | undefined;
      for (const cmd of run.commands) {
        const inst = installOf(cmd);
        if (!inst || byEco.has(inst.ecosystem)) continue;
        env ??= envBefore(model, stage, run.instruction);
        if (cacheDisabled(inst.ecosystem, cmd, env)) continue;
        // The RUN empties this manager's cache itself (`rm -rf /var/lib/apt/lists/*`, `npm cache clean`):
        // its author chose a layer without the cache, and a mount there would be emptied by that cleanup.
        cleaned ??= new Set(run.commands.map((c) => cleanupOf(c)?.manager).filter((m): m is Ecosystem => m !== undefined));
        if (cleaned.has(inst.ecosystem)) continue;
        if (cacheTargets.some((t) => isCacheMountFor(inst.ecosystem, t))) continue;
        byEco.set(inst.ecosystem, inst);
      }
      for (const [eco, inst] of byEco) {
        const dirs = cacheTargetsOf(eco, inst.command);
        if (!dirs) continue;
        const sharing = dirs.sharing ? `,sharing=${dirs.sharing}` : '';
        const flags = dirs.targets.map((t) => `--mount=type=cache,target=${t}${sharing}`);
        const fixes: Fix[] = [];
        const keyword = run.instruction.getInstructionRange();
        if (!dirs.targets.some((t) => t.startsWith('/root/')) || runsAsRoot(model, stage, run.instruction)) {
          fixes.push({
            title: `Add a cache mount for the ${MANAGER[eco]} cache`,
            safe: false,
            edits: [{ range: { start: keyword.end, end: keyword.end }, newText: ' ' + flags.join(' ') }],
          });
        }
        const range = commandRange(model, run, inst.command);
        const shown = model.lines.getText(range).replace(/\s*\\\r?\n\s*/g, ' ');
        report({
          message: 'noMount',
          data: {
            command: shown.length > 60 ? shown.slice(0, 57) + '...' : shown,
            manager: eco === 'dnf' ? programName(inst.command) : MANAGER[eco],
            target: dirs.targets.join(`${sharing}' and '--mount=type=cache,target=`) + sharing,
          },
          range,
          fixes,
        });
      }
    }
  },
});
