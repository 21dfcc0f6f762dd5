import assert from 'node:assert/strict';
import { fixAll, withFileEdits } from '../../../server/src/core/fixes/fix-all';

// Three safe text fixes that take two passes, and a context with .git and no .dockerignore.
const PY = 'FROM python:3.12\nMAINTAINER someone\nWORKDIR /app\nCOPY . .\nRUN pip install -r requirements.txt\nCMD uvicorn app.main:app\n';
const CONTEXT = { files: ['.git/', 'requirements.txt', 'app/'], dockerignore: null };

describe('fix-all and file edits', () => {
  it('creates .dockerignore once and counts it once, however many passes the text fixes take', () => {
    const r = fixAll(PY, CONTEXT);
    const creates = r.applied.filter((a) => a.rule === 'cache/context-not-ignored');
    assert.equal(creates.length, 1, JSON.stringify(r.applied));
    assert.equal(r.fileEdits.length, 1);
    assert.equal(r.fileEdits[0].path, '.dockerignore');
    assert.equal(r.fileEdits[0].kind, 'create');
    assert.equal(r.fileEdits[0].text.split('\n').filter((l) => l === '.git').length, 1);
    assert.ok(r.applied.some((a) => a.rule === 'buildkit/MaintainerDeprecated'));
    assert.ok(r.applied.some((a) => a.rule === 'buildkit/JSONArgsRecommended'));
    // the final analysis is against the context the edits leave: the finding is settled
    assert.ok(!r.analysis.findings.some((f) => f.rule === 'cache/context-not-ignored'));
  });

  it('is idempotent once the created file is part of the context', () => {
    const once = fixAll(PY, CONTEXT);
    const twice = fixAll(once.text, withFileEdits(CONTEXT, once.fileEdits));
    assert.equal(twice.text, once.text);
    assert.deepEqual(twice.applied, []);
    assert.deepEqual(twice.fileEdits, []);
  });

  it('withFileEdits: a create makes the file known, a later append extends it, an existing file is appended to', () => {
    const created = withFileEdits({ files: ['a'], dockerignore: null }, [{ path: '.dockerignore', kind: 'create', text: '.git\n' }]);
    assert.deepEqual(created, { files: ['a', '.dockerignore'], dockerignore: '.git\n' });
    const appended = withFileEdits(created, [{ path: '.dockerignore', kind: 'append', text: 'node_modules\n' }]);
    assert.equal(appended.dockerignore, '.git\nnode_modules\n');
    assert.equal(withFileEdits({ files: [], dockerignore: 'dist' }, [{ path: '.dockerignore', kind: 'create', text: '.git\n' }]).dockerignore, 'dist\n.git\n');
    const same = { files: [] };
    assert.equal(withFileEdits(same, []), same);
  });
});
