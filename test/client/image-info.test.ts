// The image lens's text: size, age and what the age counts from. Pure: runs without VS Code.
import assert from 'node:assert/strict';
import { ageBasis, formatAge, formatSize, ImageRecord, lensTitle, lensTooltip, parseInspect, withInspect } from '../../client/src/image-info';

const MIN = 60_000;
const H = 60 * MIN;
const DAY = 24 * H;
const NOW = Date.parse('2025-06-01T12:00:00Z');

describe('client image-info: formatSize', () => {
  const rows: [number, string][] = [
    [0, '0 B'], [999, '999 B'], [1000, '1.0 kB'], [1500, '1.5 kB'], [9_949, '9.9 kB'], [10_000, '10 kB'],
    [999_499, '999 kB'], [999_600, '1.0 MB'], [2_000_000, '2.0 MB'], [182_300_000, '182 MB'], [1_000_000_000, '1.0 GB'],
    [3.2e12, '3.2 TB'], [5e15, '5000 TB'],
  ];
  for (const [bytes, text] of rows) it(`${bytes} → ${text}`, () => assert.equal(formatSize(bytes), text));
});

describe('client image-info: formatAge', () => {
  const rows: [number, string][] = [
    [0, 'just now'], [59_000, 'just now'], [-5 * MIN, 'just now'], [MIN, '1 min ago'], [59 * MIN, '59 min ago'],
    [H, '1 h ago'], [47 * H, '47 h ago'], [48 * H, '2 days ago'], [400 * DAY, '400 days ago'],
  ];
  for (const [ago, text] of rows) it(`${ago} ms ago → ${text}`, () => assert.equal(formatAge(NOW - ago, NOW), text));
});

describe('client image-info: parseInspect', () => {
  it('reads id, size and creation time', () => {
    assert.deepEqual(parseInspect('sha256:abc 2031616 2025-06-01T11:58:00.123456789Z\n'),
      { id: 'sha256:abc', size: 2031616, created: Date.parse('2025-06-01T11:58:00.123Z') });
  });
  it('takes a zero or 1970 creation time as unknown', () => {
    assert.equal(parseInspect('sha256:abc 10 0001-01-01T00:00:00Z')!.created, undefined);
    assert.equal(parseInspect('sha256:abc 10 1970-01-01T00:00:00Z')!.created, undefined);
    assert.equal(parseInspect('sha256:abc 10')!.created, undefined);
  });
  it('refuses output that is not an inspect line', () => {
    for (const bad of ['', 'sha256:abc', 'sha256:abc big 2025-06-01T11:58:00Z', 'sha256:abc -1 2025-06-01T11:58:00Z']) {
      assert.equal(parseInspect(bad), undefined, JSON.stringify(bad));
    }
  });
});

describe('client image-info: what the age means', () => {
  const built: ImageRecord = { tag: 'app:builder', builtAt: NOW - 2 * MIN };

  it('counts from Stagecraft\'s build, not the image creation (a build served from cache is "just now")', () => {
    const fromCache = withInspect({ tag: 'app:builder', builtAt: NOW - 10_000 }, { id: 'sha256:1', size: 2_000_000, created: NOW - 3 * DAY });
    assert.deepEqual(ageBasis(fromCache), { since: NOW - 10_000, kind: 'built' });
    assert.equal(lensTitle('builder', { ...fromCache, size: 2_000_000 }, NOW), 'builder · 2.0 MB · just now');
    assert.equal(lensTooltip(fromCache, NOW),
      'app:builder\nBuilt by Stagecraft just now.\nImage created 3 days ago: the build was served from cache.');
  });

  it('a fresh build: built and created agree, no cache note', () => {
    const fresh = withInspect(built, { id: 'sha256:1', size: 182_300_000, created: NOW - 2 * MIN - 5_000 });
    assert.equal(fresh.replaced, false);
    assert.equal(fresh.id, 'sha256:1');
    assert.equal(lensTitle('builder', { ...fresh, size: 182_300_000 }, NOW), 'builder · 182 MB · 2 min ago');
    assert.equal(lensTooltip(fresh, NOW), 'app:builder\nBuilt by Stagecraft 2 min ago.');
  });

  it('the age still counts from the build when docker knows no creation time', () => {
    const noTime = withInspect(built, { id: 'sha256:1', size: 10, created: undefined });
    assert.deepEqual(ageBasis(noTime), { since: NOW - 2 * MIN, kind: 'built' });
    assert.equal(lensTooltip(noTime, NOW), 'app:builder\nBuilt by Stagecraft 2 min ago.');
  });

  it('a tag rebuilt outside Stagecraft counts from that image\'s creation, and says so', () => {
    const ours = withInspect(built, { id: 'sha256:1', size: 10, created: NOW - 2 * MIN });
    const later = withInspect(ours, { id: 'sha256:2', size: 20, created: NOW - 30_000 });
    assert.equal(later.replaced, true);
    assert.equal(later.id, 'sha256:1', 'the id Stagecraft built is kept');
    assert.deepEqual(ageBasis(later), { since: NOW - 30_000, kind: 'created' });
    assert.equal(lensTitle('builder', { ...later, size: 20 }, NOW), 'builder · 20 B · just now');
    assert.match(lensTooltip(later, NOW), /rebuilt outside Stagecraft/);
    // the same id again: not replaced
    assert.equal(withInspect(ours, { id: 'sha256:1', size: 10, created: NOW - 2 * MIN }).replaced, false);
  });
});
