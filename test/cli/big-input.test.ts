import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const BIN = path.resolve(__dirname, '../../bin/stagecraft.js');
const GENERATOR = path.resolve(__dirname, '../../scripts/bench/big-input.mjs');

describe('stagecraft lint on a big input (the real bin)', function () {
  this.timeout(180000);
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stagecraft-big-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('the 3 MB, 111,000-line, 222-stage file: 0 findings in at most 300 MB peak RSS', () => {
    const file = path.join(dir, 'big.Dockerfile');
    const gen = spawnSync(process.execPath, [GENERATOR], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    assert.equal(gen.status, 0, gen.stderr);
    fs.writeFileSync(file, gen.stdout);
    assert.ok(gen.stdout.length > 3_000_000, `${gen.stdout.length} bytes`);
    assert.ok(gen.stdout.split('\n').length > 110_000);
    assert.equal(gen.stdout.match(/^FROM /gm)!.length, 223);
    // The peak resident set of the whole process (worker threads included), written as it exits.
    const rssFile = path.join(dir, 'rss');
    const preload = path.join(dir, 'rss.cjs');
    fs.writeFileSync(preload, `process.on('exit', () => require('fs').writeFileSync(${JSON.stringify(rssFile)}, String(process.resourceUsage().maxRSS)));\n`);
    const r = spawnSync(process.execPath, ['--require', preload, BIN, 'lint', '--jobs', '1', file], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 170000 });
    assert.equal(r.stderr, '');
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^0 problems /m);
    const peakMb = Number(fs.readFileSync(rssFile, 'utf8')) / 1024;
    assert.ok(peakMb <= 300, `peak RSS ${peakMb.toFixed(0)} MB`);
  });
});
