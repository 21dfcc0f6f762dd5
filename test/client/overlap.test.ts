// `stagecraft.overlap`: which findings Microsoft's Dockerfile engine and Docker DX already report.
// The table is checked against the real rule registry, and the filter against the real findings
// of real analyses (the decisions that read a finding's message read Stagecraft's own wording).
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { rules } from '../../server/src/core/rules/registry';
import {
  codeText, enginesOf, filterOverlapping, hidingEngines, MicrosoftCheck, OVERLAP_TABLE, OverlapFilter, OverlapMode,
  OverlapState, parseMode, reportedBy, rulesOf,
} from '../../client/src/overlap';

const microsoft: OverlapState = { mode: 'auto', engines: new Set(['microsoft']) };
const dx: OverlapState = { mode: 'auto', engines: new Set(['docker-dx']) };
const none: OverlapState = { mode: 'auto', engines: new Set() };

/** The findings of a Dockerfile as the client sees them: code = rule id (here with a link, as VS Code gives it). */
function diagnostics(text: string): { code: { value: string; target: string }; message: string }[] {
  return analyze(text).findings.map((f) => ({ code: { value: f.rule, target: `https://docs/${f.rule}` }, message: f.message }));
}
const ids = (ds: { code: unknown }[]) => ds.map((d) => codeText(d.code)).sort();
const withChecks = (state: OverlapState, checks: Partial<Record<MicrosoftCheck, string>>): OverlapState =>
  ({ ...state, microsoftCheck: (c) => checks[c] });

describe('client overlap: the table', () => {
  it('names only rules that exist', () => {
    for (const e of OVERLAP_TABLE) assert.ok(rules.has(e.rule), `${e.rule} is a rule`);
  });

  it('Docker DX: every buildkit/ rule, nothing else', () => {
    const buildkit = [...rules.keys()].filter((id) => id.startsWith('buildkit/')).sort();
    assert.deepEqual(rulesOf('docker-dx'), buildkit);
  });

  it("Microsoft: every syntax/ rule and the six BuildKit checks dockerfile-utils' validator also runs", () => {
    const syntax = [...rules.keys()].filter((id) => id.startsWith('syntax/'));
    assert.deepEqual(rulesOf('microsoft'), [...syntax,
      'buildkit/ConsistentInstructionCasing', 'buildkit/DuplicateStageName', 'buildkit/MaintainerDeprecated',
      'buildkit/MultipleInstructionsDisallowed', 'buildkit/NoEmptyContinuation', 'buildkit/WorkdirRelativePath'].sort());
  });

  it('no stage/, cache/ or security/ rule is ever hidden', () => {
    assert.ok(OVERLAP_TABLE.every((e) => /^(buildkit|syntax)\//.test(e.rule)));
  });
});

describe('client overlap: modes and engines', () => {
  it('reads the extension ids case-insensitively; other ids run no engine', () => {
    assert.deepEqual([...enginesOf(['MS-AzureTools.vscode-containers', 'other.ext'])], ['microsoft']);
    assert.deepEqual([...enginesOf(['ms-azuretools.vscode-docker'])], ['microsoft']);
    assert.deepEqual([...enginesOf(['docker.docker'])], ['docker-dx']);
    assert.deepEqual([...enginesOf([])], []);
  });

  it('auto hides for the engines present; show never; hide always', () => {
    assert.deepEqual([...hidingEngines(microsoft)], ['microsoft']);
    assert.deepEqual([...hidingEngines(none)], []);
    assert.deepEqual([...hidingEngines({ mode: 'show', engines: new Set(['microsoft', 'docker-dx']) })], []);
    assert.deepEqual([...hidingEngines({ mode: 'hide', engines: new Set() })].sort(), ['docker-dx', 'microsoft']);
  });

  it('an unknown setting value is auto', () => {
    assert.equal(parseMode('show'), 'show');
    assert.equal(parseMode('hide'), 'hide');
    assert.equal(parseMode('auto'), 'auto');
    assert.equal(parseMode('SHOW'), 'auto');
    assert.equal(parseMode(undefined), 'auto');
    assert.equal(parseMode(3), 'auto');
  });

  it('reads a code given as text, number or { value, target }', () => {
    assert.equal(codeText('syntax/invalid-flag'), 'syntax/invalid-flag');
    assert.equal(codeText({ value: 'stage/unreachable', target: 'x' }), 'stage/unreachable');
    assert.equal(codeText(7), '7');
    assert.equal(codeText(undefined), '');
  });
});

describe('client overlap: real findings filtered', () => {
  const overlapping = [
    'FROM alpine:3.20 AS base',
    'MAINTAINER someone@example.com',
    'run echo lower',
    'RUN apk add --no-cache curl && \\',
    '',
    '    echo done',
    'WORKDIR app',
    'CMD ["one"]',
    'CMD ["two"]',
    'FROM alpine:3.20 AS base',
    'FORM x',
    '',
  ].join('\n');

  it('the fixture produces the overlapping findings and one Stagecraft-only finding', () => {
    const found = new Set(ids(diagnostics(overlapping)));
    for (const id of ['buildkit/MaintainerDeprecated', 'buildkit/ConsistentInstructionCasing', 'buildkit/NoEmptyContinuation',
      'buildkit/WorkdirRelativePath', 'buildkit/MultipleInstructionsDisallowed', 'buildkit/DuplicateStageName',
      'syntax/unknown-instruction', 'stage/unreachable']) {
      assert.ok(found.has(id), `${id} among ${[...found].join(', ')}`);
    }
  });

  it('no engine: everything is shown', () => {
    const ds = diagnostics(overlapping);
    const { shown, hidden } = filterOverlapping(ds, none);
    assert.deepEqual(ids(shown), ids(ds));
    assert.deepEqual(hidden, {});
  });

  it("Microsoft's engine: its syntax/ and six BuildKit checks go, the rest stays", () => {
    const ds = diagnostics(overlapping);
    const { shown, hidden } = filterOverlapping(ds, microsoft);
    const left = ids(shown);
    for (const id of ['buildkit/MaintainerDeprecated', 'buildkit/ConsistentInstructionCasing', 'buildkit/NoEmptyContinuation',
      'buildkit/WorkdirRelativePath', 'buildkit/MultipleInstructionsDisallowed', 'buildkit/DuplicateStageName']) {
      assert.ok(!left.includes(id), `${id} hidden`);
    }
    assert.ok(!left.some((id) => id.startsWith('syntax/')), `no syntax/ left: ${left.join(', ')}`);
    assert.ok(left.includes('stage/unreachable'));
    assert.equal(hidden.microsoft, ds.length - shown.length);
  });

  it('Docker DX: every buildkit/ finding goes, syntax/ and the stage rules stay', () => {
    const ds = diagnostics(overlapping);
    const left = ids(filterOverlapping(ds, dx).shown);
    assert.ok(!left.some((id) => id.startsWith('buildkit/')), left.join(', '));
    assert.ok(left.includes('syntax/unknown-instruction'));
    assert.ok(left.includes('stage/unreachable'));
  });

  it('show brings everything back with both engines present', () => {
    const ds = diagnostics(overlapping);
    assert.equal(filterOverlapping(ds, { mode: 'show', engines: new Set(['microsoft', 'docker-dx']) }).shown.length, ds.length);
  });

  it("a Microsoft check set to ignore is not hidden (its engine no longer reports it)", () => {
    const ds = diagnostics(overlapping);
    const left = ids(filterOverlapping(ds, withChecks(microsoft, { deprecatedMaintainer: 'ignore', instructionCmdMultiple: 'ignore' })).shown);
    assert.ok(left.includes('buildkit/MaintainerDeprecated'));
    assert.ok(left.includes('buildkit/MultipleInstructionsDisallowed'));
    assert.ok(!left.includes('buildkit/WorkdirRelativePath'), 'other checks still hidden');
    const warn = ids(filterOverlapping(ds, withChecks(microsoft, { deprecatedMaintainer: 'error' })).shown);
    assert.ok(!warn.includes('buildkit/MaintainerDeprecated'), 'error still reports it');
  });

  it('casing: hidden when the majority is uppercase (Microsoft flags that lowercase one too), shown when lowercase', () => {
    const upper = diagnostics('FROM alpine:3.20\nrun echo a\nRUN echo b\nUSER nobody\n');
    const lower = diagnostics('from alpine:3.20\nrun echo a\nRUN echo b\nuser nobody\n');
    const casing = (ds: { code: unknown; message: string }[]) => ds.filter((d) => codeText(d.code) === 'buildkit/ConsistentInstructionCasing');
    assert.equal(casing(upper).length, 1);
    assert.equal(casing(lower).length, 1);
    assert.equal(reportedBy('buildkit/ConsistentInstructionCasing', casing(upper)[0].message, microsoft), 'microsoft');
    assert.equal(reportedBy('buildkit/ConsistentInstructionCasing', casing(lower)[0].message, microsoft), undefined);
    assert.equal(reportedBy('buildkit/ConsistentInstructionCasing', casing(lower)[0].message, dx), 'docker-dx');
  });

  it('several ENTRYPOINTs map to their own Microsoft check', () => {
    const ds = diagnostics('FROM alpine:3.20\nUSER nobody\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n');
    const multiple = ds.find((d) => codeText(d.code) === 'buildkit/MultipleInstructionsDisallowed');
    assert.ok(multiple, ids(ds).join(', '));
    assert.equal(reportedBy('buildkit/MultipleInstructionsDisallowed', multiple.message, microsoft), 'microsoft');
    assert.equal(reportedBy('buildkit/MultipleInstructionsDisallowed', multiple.message, withChecks(microsoft, { instructionCmdMultiple: 'ignore' })), 'microsoft');
    assert.equal(reportedBy('buildkit/MultipleInstructionsDisallowed', multiple.message, withChecks(microsoft, { instructionEntrypointMultiple: 'ignore' })), undefined);
  });

  it('JSON in single quotes follows instructionJSONInSingleQuotes; SHELL not in JSON form is always reported', () => {
    const ds = diagnostics("FROM alpine:3.20\nUSER nobody\nCMD ['a', 'b']\nSHELL /bin/sh\n");
    const json = ds.filter((d) => codeText(d.code) === 'syntax/invalid-json');
    assert.equal(json.length, 2, JSON.stringify(ds));
    const off = withChecks(microsoft, { instructionJSONInSingleQuotes: 'ignore' });
    const kept = json.filter((d) => !reportedBy('syntax/invalid-json', d.message, off));
    assert.equal(kept.length, 1);
    assert.match(kept[0].message, /single quotes/);
    assert.equal(json.filter((d) => reportedBy('syntax/invalid-json', d.message, microsoft)).length, 2);
  });
});

describe('client overlap: the filter reacts to extensions and settings without a new publish', () => {
  const text = 'FROM busybox:latest\nMAINTAINER someone@example.com\nFORM x\nUSER nobody\nCMD echo hi\n';
  type D = ReturnType<typeof diagnostics>[number];
  function setup() {
    const env = { installed: [] as string[], mode: 'auto' as OverlapMode, checks: {} as Partial<Record<MicrosoftCheck, string>> };
    const filter = new OverlapFilter<string, D>({
      installedEngineExtensions: () => env.installed,
      settingsFor: () => ({ mode: env.mode, microsoftCheck: (c) => env.checks[c] }),
      key: (u) => u,
    });
    const shown = new Map<string, string[]>();
    const next = (uri: string, ds: D[]) => { shown.set(uri, ids(ds)); };
    return { env, filter, shown, next };
  }

  it('an extension installed, then removed: hidden, then shown again, from the remembered diagnostics', () => {
    const { env, filter, shown, next } = setup();
    const ds = diagnostics(text);
    filter.handle('file:///a/Dockerfile', ds, next);
    assert.deepEqual(shown.get('file:///a/Dockerfile'), ids(ds), 'nothing installed: all shown');
    assert.equal(filter.extensionsChanged(), false, 'no change, no republish');

    env.installed = ['ms-azuretools.vscode-containers'];
    assert.equal(filter.extensionsChanged(), true);
    assert.deepEqual(shown.get('file:///a/Dockerfile'), ['buildkit/JSONArgsRecommended', 'security/unpinned-base-image']);
    assert.deepEqual(filter.hidden(), { 'file:///a/Dockerfile': 2 });
    assert.deepEqual(filter.extensions, ['ms-azuretools.vscode-containers']);

    env.installed = [];
    assert.equal(filter.extensionsChanged(), true);
    assert.deepEqual(shown.get('file:///a/Dockerfile'), ids(ds));
    assert.deepEqual(filter.hidden(), {});
  });

  it('a setting change republishes every document through the new filter', () => {
    const { env, filter, shown, next } = setup();
    env.installed = ['docker.docker'];
    filter.extensionsChanged();
    const ds = diagnostics(text);
    filter.handle('a', ds, next);
    filter.handle('b', ds, next);
    assert.ok(!shown.get('a')!.some((id) => id.startsWith('buildkit/')));
    env.mode = 'show';
    filter.republish();
    assert.deepEqual(shown.get('a'), ids(ds));
    assert.deepEqual(shown.get('b'), ids(ds));
  });

  it('a document published empty (closed) is forgotten', () => {
    const { env, filter, shown, next } = setup();
    filter.handle('a', diagnostics(text), next);
    filter.handle('a', [], next);
    shown.clear();
    env.installed = ['ms-azuretools.vscode-docker'];
    filter.extensionsChanged();
    assert.equal(shown.size, 0, 'nothing republished for it');
  });

  it('Docker DX without a buildx that can run build checks: its checks are shown', () => {
    const { env, filter, shown, next } = setup();
    env.installed = ['docker.docker'];
    filter.extensionsChanged();
    filter.handle('a', diagnostics(text), next);
    assert.ok(!shown.get('a')!.includes('buildkit/JSONArgsRecommended'));
    assert.equal(filter.setDockerDxCanLint(false), true);
    assert.deepEqual([...filter.engines()], []);
    assert.ok(shown.get('a')!.includes('buildkit/JSONArgsRecommended'));
    assert.equal(filter.setDockerDxCanLint(false), false, 'no change');
    env.mode = 'hide';
    filter.republish();
    assert.ok(!shown.get('a')!.includes('buildkit/JSONArgsRecommended'), 'hide hides whatever is installed or able');
  });
});
