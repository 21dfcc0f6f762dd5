// Generates the documents that mirror code: docs/rules/README.md (the rules index, from the registry)
// and the settings table in README.md (from package.json). `--check` fails when they are out of date.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { rules } from '../server/src/core/rules/registry';

const root = path.resolve(__dirname, '..');

export function rulesIndex(): string {
  const families: Record<string, string> = {
    stage: 'Multi-stage structure', cache: 'Layer cache ordering', security: 'Security', buildkit: "BuildKit's build checks", syntax: 'Parse problems',
  };
  const out = ['# Rules', '', 'Generated from the rule registry by `npm run docs`; do not edit by hand.', ''];
  for (const [family, title] of Object.entries(families)) {
    const list = [...rules.values()].filter((r) => r.id.startsWith(`${family}/`));
    if (!list.length) continue;
    out.push(`## ${title}`, '', '| rule | default | finds | fixes | counterparts |', '|---|---|---|---|---|');
    for (const r of list) {
      const name = r.id.slice(family.length + 1);
      const counterparts = [r.buildkit ? `BuildKit \`${r.buildkit}\`` : '', ...(r.hadolint ?? []).map((c) => `hadolint ${c}`)].filter(Boolean).join(', ');
      out.push(`| [\`${r.id}\`](${family}/${name}.md) | ${r.severity}${r.experimental ? ' (experimental)' : ''} | ${r.description.replace(/\|/g, '\\|')} | ${fixabilityOf(r.id)} | ${counterparts} |`);
    }
    out.push('');
  }
  return out.join('\n');
}

function fixabilityOf(id: string): string {
  const page = path.join(root, 'docs/rules', `${id}.md`);
  if (!fs.existsSync(page)) return '';
  const text = fs.readFileSync(page, 'utf8');
  const section = text.split('## Fix safety')[1]?.split('\n## ')[0] ?? '';
  const safe = /\*\*safe\*\*/i.test(section);
  const unsafe = /\*\*unsafe\*\*/i.test(section);
  return safe && unsafe ? 'safe, unsafe' : safe ? 'safe' : unsafe ? 'unsafe' : '—';
}

export function settingsTable(): string {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const props = pkg.contributes.configuration.properties as Record<string, { default: unknown; description: string; scope?: string }>;
  const rows = ['| setting | default | description |', '|---|---|---|'];
  for (const [key, p] of Object.entries(props)) {
    rows.push(`| \`${key}\` | \`${JSON.stringify(p.default)}\` | ${p.description.replace(/\|/g, '\\|')}${p.scope === 'machine-overridable' ? ' (machine-overridable)' : ''} |`);
  }
  return rows.join('\n');
}

const START = '<!-- settings:start -->';
const END = '<!-- settings:end -->';

export function readmeWithSettings(readme: string): string {
  const a = readme.indexOf(START);
  const b = readme.indexOf(END);
  if (a < 0 || b < a) throw new Error(`README.md lacks the ${START} … ${END} markers`);
  return `${readme.slice(0, a + START.length)}\n${settingsTable()}\n${readme.slice(b)}`;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const targets: [string, string][] = [
    [path.join(root, 'docs/rules/README.md'), rulesIndex()],
    [path.join(root, 'README.md'), readmeWithSettings(fs.readFileSync(path.join(root, 'README.md'), 'utf8'))],
  ];
  let stale = false;
  for (const [file, text] of targets) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (current === text) continue;
    if (check) {
      console.error(`${path.relative(root, file)} is out of date: run npm run docs`);
      stale = true;
    } else {
      fs.writeFileSync(file, text);
      console.log(`wrote ${path.relative(root, file)}`);
    }
  }
  process.exit(stale ? 1 : 0);
}
