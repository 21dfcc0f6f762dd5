import { defineRule } from '../rule';
import type { Fix } from '../../types';
import type { Ecosystem } from '../../model/ecosystems';
import { installOf, InstallCommand, isNodeManager } from '../../model/installs';
import { programName, hasFlag } from '../../model/shell';
import type { StageModel } from '../../model/stages';
import { StageCommand, chainCommands, commandTokens, copiesOf, isNodeRunScript, offsetRange, variableAt } from '../../model/stage-facts';

/** The flag that leaves dev dependencies out, per manager. */
const PROD_FLAG: Partial<Record<Ecosystem, string>> = {
  npm: '--omit=dev', yarn: '--production', pnpm: '--prod', bun: '--production', poetry: '--only main', uv: '--no-dev', composer: '--no-dev',
};

/** Whether an install in a stage chain leaves dev dependencies in place (flag, ENV, later prune considered). */
function devInstall(model: StageModel, cmds: StageCommand[], k: number): InstallCommand | undefined {
  const { stage, run, command } = cmds[k];
  const inst = installOf(command);
  if (!inst || inst.system || inst.explicitPackages || inst.production !== false) return undefined;
  // Options from a variable may hold the production flag; `pnpm fetch` fills the store, not node_modules.
  if (command.words.some((w) => w.includes('$'))) return undefined;
  if (inst.ecosystem === 'pnpm' && command.words[1] === 'fetch') return undefined;
  if (inst.ecosystem === 'bundler' && !(command.words[1] === 'install' || command.words.length === 1)) return undefined;
  if (inst.ecosystem === 'pip' || (inst.ecosystem === 'uv' && command.words[1] === 'pip')) {
    const reqs = command.words.filter((w, i) => i > 0 && /^(-r|--requirement|-c|--constraint)$/.test(command.words[i - 1]) || /^(-r|--requirement=)\S/.test(w));
    if (!reqs.some((r) => /(^|[-_.\/])(dev|devel|develop|development|test|tests|testing|lint|ci|docs)([-_.]|$)/i.test(r.split('/').pop() ?? r))) return undefined;
  }
  const env = (n: string) => variableAt(model, stage.index, run.instruction, n);
  const eco = inst.ecosystem;
  if (isNodeManager(eco) && eco !== 'bun' && /^prod/.test(env('NODE_ENV') ?? '')) return undefined;
  if (eco === 'npm' && /dev/.test(env('NPM_CONFIG_OMIT') ?? env('npm_config_omit') ?? '')) return undefined;
  if (eco === 'npm' && /^(true|1)$/.test(env('NPM_CONFIG_PRODUCTION') ?? env('npm_config_production') ?? '')) return undefined;
  if (eco === 'bundler') {
    const without = `${env('BUNDLE_WITHOUT') ?? ''} ${env('BUNDLE_DEPLOYMENT') ?? ''}`;
    if (/development|test|true|1/.test(without)) return undefined;
    // `bundle config set without …` earlier in the chain
    if (cmds.slice(0, k).some((c) => programName(c.command) === 'bundle' && c.command.words[1] === 'config' && c.command.words.some((w) => /without|deployment/.test(w)))) return undefined;
  }
  if (eco === 'composer' && /^(1|true)$/.test(env('COMPOSER_NO_DEV') ?? '')) return undefined;
  if (eco === 'uv' && /^(1|true)$/.test(env('UV_NO_DEV') ?? '')) return undefined;
  if (eco === 'pipenv' && !hasFlag(command, '--dev', '-d')) return undefined;
  // Dev dependencies pruned later in the chain.
  const later = cmds.slice(k + 1).map((c) => c.command);
  if (isNodeManager(eco) && later.some((c) => {
    const p = programName(c);
    return (p === 'npm' && c.words[1] === 'prune' && hasFlag(c, '--omit=dev', '--production', '--omit')) || (p === 'pnpm' && c.words[1] === 'prune' && hasFlag(c, '--prod')) ||
      ((p === 'yarn' || p === 'pnpm' || p === 'npm' || p === 'bun') && (installOf(c)?.production === true) && !installOf(c)?.explicitPackages) ||
      (p === 'rm' && c.words.some((w) => /node_modules\/?$/.test(w)));
  })) return undefined;
  if (eco === 'poetry' && later.some((c) => programName(c) === 'poetry' && (installOf(c)?.production === true || (c.words[1] === 'export')))) return undefined;
  return inst;
}

function describe(inst: InstallCommand): string {
  return inst.command.words.slice(0, 3).filter((w) => !w.startsWith('-') || w === inst.command.words[1]).join(' ');
}

export default defineRule({
  id: 'stage/dev-dependencies-in-final',
  severity: 'warning',
  description: 'The shipped image installs dev dependencies, or copies node_modules from a stage that did.',
  messages: {
    install: "'{command}' installs dev dependencies into the shipped image; install production dependencies only ({flag}).",
    installNoFlag: "'{command}' installs dev dependencies into the shipped image; install production dependencies only.",
    copy: "'{path}' is copied from stage '{from}', whose '{command}' installed dev dependencies; install production dependencies only in that stage (or prune them after the build).",
  },
  check({ model, report }) {
    for (const t of model.inImage) {
      const stage = model.stages[t];
      const cmds = chainCommands(model, t);
      cmds.forEach((c, k) => {
        if (c.stage.index !== t) return;
        const inst = devInstall(model, cmds, k);
        if (!inst) return;
        const flag = flagFor(inst);
        // A build script after the install needs the dev dependencies: no flag fix there.
        const buildsLater = cmds.slice(k + 1).some((x) => isNodeRunScript(x.command, /build|compile|bundle|tsc/) || /^(tsc|webpack|vite|next|nest|ng|rollup|esbuild|parcel)$/.test(programName(x.command)));
        const fixes: Fix[] = [];
        const tokens = commandTokens(model, c.run, c.command);
        const sub = c.command.words[1];
        if (flag && tokens && !buildsLater) {
          const at = tokens.find((tk, i) => i > 0 && tk.text === sub) ?? (c.command.words.length === 1 ? tokens[0] : undefined);
          if (at) {
            const pos = offsetRange(model, at.end, at.end);
            fixes.push({ title: `Add '${flag}'`, safe: false, edits: [{ range: pos, newText: ` ${flag}` }] });
          }
        } else if (inst.ecosystem === 'pipenv' && tokens && !buildsLater) {
          const dev = tokens.find((tk) => tk.text === '--dev' || tk.text === '-d');
          const idx = dev ? tokens.indexOf(dev) : -1;
          if (dev && idx > 0) fixes.push({ title: "Remove '--dev'", safe: false, edits: [{ range: offsetRange(model, tokens[idx - 1].end, dev.end), newText: '' }] });
        }
        const range = c.run.instruction.getRange();
        report({ message: flag ? 'install' : 'installNoFlag', data: { command: describe(inst), flag: flag ?? '' }, range, fixes });
      });
      // node_modules copied from a stage that installed dev dependencies.
      for (const copy of copiesOf(stage)) {
        const ref = model.refs.find((r) => r.instruction === copy.instruction && r.kind === 'copy');
        if (!ref || ref.target === undefined || (ref.resolution !== 'stage' && ref.resolution !== 'index')) continue;
        const src = copy.sources.find((s) => /(^|\/)node_modules(\/|$)/.test(s.value));
        if (!src) continue;
        const from = chainCommands(model, ref.target);
        const k = from.findIndex((_, i) => devInstall(model, from, i) && isNodeManager(installOf(from[i].command)!.ecosystem));
        if (k < 0) continue;
        const fromStage = model.stages[ref.target];
        report({ message: 'copy', data: { path: src.value, from: fromStage.name ?? String(fromStage.index), command: describe(installOf(from[k].command)!) }, range: src.range });
      }
    }
  },
});

function flagFor(inst: InstallCommand): string | undefined {
  const w = inst.command.words;
  switch (inst.ecosystem) {
    case 'yarn':
      // Yarn 2+ (`--immutable`) has no --production on install.
      return hasFlag(inst.command, '--immutable', '--immutable-cache') || w[1] === 'workspaces' ? undefined : PROD_FLAG.yarn;
    case 'poetry':
      return hasFlag(inst.command, '--with', '--only') ? undefined : PROD_FLAG.poetry;
    case 'uv':
      return w[1] === 'sync' ? PROD_FLAG.uv : undefined;
    case 'npm': case 'pnpm': case 'bun': case 'composer':
      return PROD_FLAG[inst.ecosystem];
    case 'bundler':
      return undefined;
    default:
      return undefined;
  }
}
