// The pure parts of "Stagecraft: Compare With the Original": recognising the split edit, the
// source file to touch, the summary line.
import assert from 'node:assert/strict';
import { comparisonLine, countStages, formatSize, looksLikeSplit, parseSize, pickSourceFile } from '../../client/src/compare-report';

describe('client compare-report', () => {
  it('counts FROM lines and recognises the edit that split one stage into builder and runner', () => {
    const one = 'FROM node:20\nWORKDIR /app\n# FROM in a comment\nRUN echo FROM x\n';
    const two = 'FROM node:20 AS builder\nRUN npm ci\n\nfrom node:20-slim AS runner\n  FROM x\n';
    assert.equal(countStages(one), 1);
    assert.equal(countStages(two), 3);
    assert.equal(looksLikeSplit(one, two), true);
    assert.equal(looksLikeSplit(two, two), false);
    assert.equal(looksLikeSplit('', one), false);
  });

  it('touches a source file, never a manifest, a dependency or an output', () => {
    assert.equal(pickSourceFile(['package.json', 'node_modules/a/index.js', 'build.js', 'src/app.js', 'src/']), 'build.js');
    assert.equal(pickSourceFile(['go.mod', 'main.go']), 'main.go');
    assert.equal(pickSourceFile(['dist/app.js', 'README.md']), undefined);
  });

  it('formats the summary line and reads image sizes', () => {
    assert.equal(comparisonLine({ size: 412_300_000, buildSeconds: 60, rebuildSeconds: 48.04 }, { size: 96_000_000, buildSeconds: 70, rebuildSeconds: 6 }),
      '412 MB → 96 MB, rebuild after a source edit 48.0 s → 6.0 s');
    assert.deepEqual([formatSize(1_234_000_000), formatSize(4_100), formatSize(12)], ['1.23 GB', '4 kB', '12 B']);
    assert.equal(parseSize('96012345\n'), 96012345);
    assert.equal(parseSize(''), undefined);
    assert.equal(parseSize('Error: no such image'), undefined);
  });
});
