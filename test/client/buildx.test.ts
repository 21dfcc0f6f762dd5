// The Build lens with docker buildx: builder-list parsing (JSON and both table layouts), the build
// plan and its argument array, and the probe run through a real process: a stand-in docker that
// answers from files, and the docker on this machine (which has no buildx plugin here).
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  builderLensTitle, builderPlatforms, canRunBuildChecks, dockerRunner, normalizePlatforms, parseBuildxLsJson, parseBuildxLsTable, parseBuildxVersion, planBuild,
  probeBuildx,
} from '../../client/src/buildx';
import { BuildInputs, buildArgs } from '../../client/src/docker-args';

const LS_JSON = [
  '{"Name":"multi","Driver":"docker-container","LastActivity":"2026-11-30T10:00:00Z","Dynamic":false,"Nodes":[{"Name":"multi0","Endpoint":"unix:///var/run/docker.sock","Status":"running","Version":"v0.17.2","Platforms":["linux/amd64","linux/amd64/v2","linux/arm64","linux/arm/v7"]}]}',
  '{"Name":"default","Driver":"docker","Dynamic":false,"Nodes":[{"Name":"default","Endpoint":"default","Status":"running","Version":"v0.16.0","Platforms":["linux/amd64","linux/386"]}]}',
  '{"Name":"remote1","Driver":"remote","Dynamic":false,"Nodes":[{"Name":"remote10","Endpoint":"tcp://127.0.0.1:1234","Status":"error","Err":"connection refused"}]}',
  '',
].join('\n');

/** Cells padded to columns as Go's tabwriter does (`pad` spaces at least between columns). */
function table(rows: string[][], pad: number): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] + pad))).join('').trimEnd()).join('\n') + '\n';
}

// buildx 0.13 and later: `*` glued to the current builder, `\_ ` before node cells, grouped variants
const LS_TABLE_NEW = table([
  ['NAME/NODE', 'DRIVER/ENDPOINT', 'STATUS', 'BUILDKIT', 'PLATFORMS'],
  ['multi*', 'docker-container', '', '', ''],
  [' \\_ multi0', ' \\_ unix:///var/run/docker.sock', 'running', 'v0.17.2', 'linux/amd64 (+2), linux/arm64, linux/arm/v7'],
  ['default', 'docker', '', '', ''],
  [' \\_ default', ' \\_ default', 'running', 'v0.16.0', 'linux/amd64 (+3), linux/386'],
  ['gone', 'docker-container', 'error', '', ''],
], 3);

// before 0.13: ` *` after the current builder's name, nodes indented, `*` after preferred platforms
const LS_TABLE_OLD = table([
  ['NAME/NODE', 'DRIVER/ENDPOINT', 'STATUS', 'BUILDKIT', 'PLATFORMS'],
  ['multi *', 'docker-container', '', '', ''],
  ['  multi0', 'unix:///var/run/docker.sock', 'running', 'v0.11.6', 'linux/arm64*, linux/amd64, linux/amd64/v2'],
  ['default', 'docker', '', '', ''],
  ['  default', 'default', 'running', '20.10.24', 'linux/amd64, linux/386'],
], 1);

describe('client buildx: parsing', () => {
  it('reads the version line', () => {
    assert.equal(parseBuildxVersion('github.com/docker/buildx v0.17.1 257815a6fb95\n'), 'v0.17.1');
    assert.equal(parseBuildxVersion('github.com/docker/buildx 0.13.1+ds1-3 0.13.1+ds1-3\n'), '0.13.1+ds1-3');
    assert.equal(parseBuildxVersion(''), undefined);
  });

  it('reads `buildx ls --format json`: builders, drivers, nodes, platforms, errors', () => {
    const builders = parseBuildxLsJson(LS_JSON)!;
    assert.deepEqual(builders.map((b) => [b.name, b.driver, b.current]), [['multi', 'docker-container', undefined], ['default', 'docker', undefined], ['remote1', 'remote', undefined]]);
    assert.deepEqual(builderPlatforms(builders[0]), ['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/arm/v7']);
    assert.deepEqual(builders[0].nodes[0], { name: 'multi0', endpoint: 'unix:///var/run/docker.sock', status: 'running', platforms: ['linux/amd64', 'linux/amd64/v2', 'linux/arm64', 'linux/arm/v7'] });
    assert.deepEqual(builders[2].nodes[0].status, 'error');
    assert.deepEqual(builderPlatforms(builders[2]), []);
  });

  it('JSON: what is not a builder object is skipped; no builder at all is undefined', () => {
    assert.equal(parseBuildxLsJson('NAME/NODE DRIVER/ENDPOINT\n'), undefined);
    assert.equal(parseBuildxLsJson('{"not":"a builder"}\n{broken\n'), undefined);
    assert.deepEqual(parseBuildxLsJson('{"Name":"x","Nodes":"nope"}\n')!.map((b) => [b.name, b.nodes.length]), [['x', 0]]);
  });

  it('reads the table of buildx 0.13+ (current builder, `\\_ ` cells, grouped variants)', () => {
    const builders = parseBuildxLsTable(LS_TABLE_NEW);
    assert.deepEqual(builders.map((b) => [b.name, b.driver, b.current, b.error]),
      [['multi', 'docker-container', true, undefined], ['default', 'docker', false, undefined], ['gone', 'docker-container', false, 'error']]);
    assert.deepEqual(builders[0].nodes, [{ name: 'multi0', endpoint: 'unix:///var/run/docker.sock', status: 'running', platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'] }]);
    assert.deepEqual(builderPlatforms(builders[1]), ['linux/amd64', 'linux/386']);
  });

  it('reads the table of older buildx (` *`, preferred platforms marked `*`)', () => {
    const builders = parseBuildxLsTable(LS_TABLE_OLD);
    assert.deepEqual(builders.map((b) => [b.name, b.current]), [['multi', true], ['default', false]]);
    assert.deepEqual(builderPlatforms(builders[0]), ['linux/arm64', 'linux/amd64', 'linux/amd64/v2']);
    assert.equal(builders[1].nodes[0].status, 'running');
  });

  it('a text without the table header gives no builders', () => {
    assert.deepEqual(parseBuildxLsTable('error: something\n'), []);
    assert.deepEqual(parseBuildxLsTable(''), []);
  });
});

describe('client buildx: can Docker DX lint (docker buildx build --call=check)?', () => {
  it('needs buildx, version 0.15 or later; a version that cannot be read counts as recent', () => {
    assert.equal(canRunBuildChecks({ available: false, builders: [] }), false);
    assert.equal(canRunBuildChecks({ available: true, version: 'v0.14.1', builders: [] }), false);
    assert.equal(canRunBuildChecks({ available: true, version: 'v0.15.0', builders: [] }), true);
    assert.equal(canRunBuildChecks({ available: true, version: '0.13.1+ds1-3', builders: [] }), false);
    assert.equal(canRunBuildChecks({ available: true, version: 'v1.0.0', builders: [] }), true);
    assert.equal(canRunBuildChecks({ available: true, version: 'dev', builders: [] }), true);
  });
});

describe('client buildx: the build plan and its arguments', () => {
  const dockerfile = path.resolve('/ws/app/Dockerfile');
  const base: BuildInputs = {
    dockerfile, target: 'runner', tag: 'app:runner', contextSetting: '', workspaceFolder: path.resolve('/ws'),
    buildArgs: { V: '1' }, extraArgs: ['--network=none'],
  };

  it('cleans the platforms setting: commas split, blanks and duplicates dropped, non-platforms apart', () => {
    assert.deepEqual(normalizePlatforms(['linux/amd64, linux/arm64', ' linux/arm/v7 ', '', 'linux/amd64', 'amd64', '--push']),
      { platforms: ['linux/amd64', 'linux/arm64', 'linux/arm/v7'], invalid: ['amd64', '--push'] });
  });

  it('nothing set: docker build as before, buildx not needed', () => {
    assert.deepEqual(planBuild('', [], true), { buildx: false, platforms: [], warnings: [] });
    assert.deepEqual(planBuild('  ', [], false), { buildx: false, platforms: [], warnings: [] });
  });

  it('a builder or platforms with buildx present: buildx build', () => {
    assert.deepEqual(planBuild('multi', ['linux/amd64', 'linux/arm64'], true), { buildx: true, builder: 'multi', platforms: ['linux/amd64', 'linux/arm64'], warnings: [] });
    assert.deepEqual(planBuild('', ['linux/arm64'], true), { buildx: true, builder: undefined, platforms: ['linux/arm64'], warnings: [] });
  });

  it('without buildx: docker build, with --platform kept and the builder dropped with a warning', () => {
    const plan = planBuild('multi', ['linux/arm64'], false);
    assert.equal(plan.buildx, false);
    assert.deepEqual(plan.platforms, ['linux/arm64']);
    assert.equal(plan.warnings.length, 1);
    assert.match(plan.warnings[0], /stagecraft\.build\.builder is "multi" but docker buildx is not available/);
  });

  it('an invalid platform is left out and said', () => {
    const plan = planBuild('', ['linux/amd64', 'arm'], true);
    assert.deepEqual(plan.platforms, ['linux/amd64']);
    assert.match(plan.warnings[0], /"arm" in stagecraft\.build\.platforms is not a platform/);
  });

  it('docker buildx build --builder= --platform= --load, then the usual arguments', () => {
    const plan = planBuild('multi', ['linux/amd64', 'linux/arm64'], true);
    assert.deepEqual(buildArgs({ ...base, buildx: plan.buildx, builder: plan.builder, platforms: plan.platforms }), [
      'buildx', 'build', '--builder=multi', '--platform=linux/amd64,linux/arm64', '--load',
      '--target', 'runner', '-f', dockerfile, '-t', 'app:runner', '--progress=plain', '--build-arg', 'V=1', '--network=none', path.dirname(dockerfile),
    ]);
  });

  it('buildx with the current builder: no --builder', () => {
    assert.deepEqual(buildArgs({ ...base, buildx: true, platforms: ['linux/arm64'] }).slice(0, 5),
      ['buildx', 'build', '--platform=linux/arm64', '--load', '--target']);
  });

  it('docker build with a platform; docker build unchanged without one', () => {
    assert.deepEqual(buildArgs({ ...base, platforms: ['linux/arm64'] }).slice(0, 3), ['build', '--platform=linux/arm64', '--target']);
    assert.deepEqual(buildArgs(base), buildArgs({ ...base, buildx: false, builder: 'ignored', platforms: [] }));
    assert.deepEqual(buildArgs(base).slice(0, 3), ['build', '--target', 'runner']);
  });

  it('the lens above the first FROM says what Build runs; none without buildx and settings', () => {
    assert.equal(builderLensTitle(planBuild('multi', ['linux/amd64', 'linux/arm64'], true), true), '$(server-environment) buildx: multi · linux/amd64, linux/arm64');
    assert.equal(builderLensTitle(planBuild('', ['linux/arm64'], true), true), '$(server-environment) buildx: current builder · linux/arm64');
    assert.equal(builderLensTitle(planBuild('', [], true), true), '$(server-environment) buildx: choose builder and platforms');
    assert.equal(builderLensTitle(planBuild('multi', [], false), false), '$(server-environment) docker build (no buildx)');
    assert.equal(builderLensTitle(planBuild('', ['linux/arm64'], false), false), '$(server-environment) docker build · linux/arm64 (no buildx)');
    assert.equal(builderLensTitle(planBuild('', [], false), false), undefined);
  });

  it('a builder name that looks like a flag stays the value of --builder', () => {
    assert.equal(buildArgs({ ...base, buildx: true, builder: '--push' })[2], '--builder=--push');
  });
});

describe('client buildx: the probe, through a real process', function () {
  this.timeout(20_000);
  const fake = path.resolve(__dirname, 'fixtures/fake-docker.sh');
  let dir: string;
  let savedDir: string | undefined;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-buildx-'));
    savedDir = process.env.FAKE_DOCKER_DIR;
    process.env.FAKE_DOCKER_DIR = dir;
  });
  afterEach(() => {
    if (savedDir === undefined) delete process.env.FAKE_DOCKER_DIR; else process.env.FAKE_DOCKER_DIR = savedDir;
    fs.rmSync(dir, { recursive: true, force: true });
  });
  const calls = () => fs.readFileSync(path.join(dir, 'calls.log'), 'utf8').split('--\n').filter((c) => c !== '').map((c) => c.trimEnd().split('\n'));

  it('buildx with --format json: version and builders, asked with argument arrays', async () => {
    fs.writeFileSync(path.join(dir, 'version.txt'), 'github.com/docker/buildx v0.17.1 257815a\n');
    fs.writeFileSync(path.join(dir, 'ls.json'), LS_JSON);
    const info = await probeBuildx(dockerRunner(fake));
    assert.equal(info.available, true);
    assert.equal(info.version, 'v0.17.1');
    assert.deepEqual(info.builders.map((b) => b.name), ['multi', 'default', 'remote1']);
    assert.deepEqual(calls(), [['buildx', 'version'], ['buildx', 'ls', '--format', 'json']]);
  });

  it('older buildx without --format: the table', async () => {
    fs.writeFileSync(path.join(dir, 'version.txt'), 'github.com/docker/buildx v0.10.4 c513d34\n');
    fs.writeFileSync(path.join(dir, 'ls.txt'), LS_TABLE_OLD);
    const info = await probeBuildx(dockerRunner(fake));
    assert.deepEqual(info.builders.map((b) => [b.name, b.current]), [['multi', true], ['default', false]]);
    assert.deepEqual(calls().map((c) => c.join(' ')), ['buildx version', 'buildx ls --format json', 'buildx ls']);
  });

  it('no buildx: unavailable, with docker\'s own words, and nothing else asked', async () => {
    const info = await probeBuildx(dockerRunner(fake));
    assert.equal(info.available, false);
    assert.match(info.error ?? '', /unknown flag or command/);
    assert.deepEqual(calls(), [['buildx', 'version']]);
  });

  it('a docker path that does not exist: unavailable, no throw', async () => {
    const info = await probeBuildx(dockerRunner(path.join(dir, 'no-such-docker')));
    assert.equal(info.available, false);
    assert.match(info.error ?? '', /ENOENT/);
  });

  it('the docker on this machine', async function () {
    let docker: string;
    try { docker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim(); } catch { docker = ''; }
    if (!docker) this.skip();
    const info = await probeBuildx(dockerRunner(docker));
    const hasBuildx = (() => { try { execFileSync(docker, ['buildx', 'version'], { stdio: 'ignore' }); return true; } catch { return false; } })();
    assert.equal(info.available, hasBuildx, `buildx ${hasBuildx ? 'present' : 'absent'} for ${docker}: ${JSON.stringify(info)}`);
    if (!hasBuildx) assert.deepEqual(planBuild('multi', ['linux/arm64'], info.available).buildx, false);
  });
});
