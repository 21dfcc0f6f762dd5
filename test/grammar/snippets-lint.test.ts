// Stagecraft's own rules find the snippets clean: every multi-stage skeleton as it expands, and
// every fragment inside the smallest Dockerfile that makes sense of it.
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';
import { readSnippets, expandSnippet } from './snippet-expand';

/** Wraps a fragment in a builder stage followed by a small runtime stage; a `COPY --from` goes in the runtime stage. */
function inBuilder(fragment: string): string {
  const copy = /^COPY --from=/.test(fragment.trim());
  return `FROM debian:bookworm-slim AS builder\nWORKDIR /src\n${copy ? 'RUN make' : fragment}\n\nFROM debian:bookworm-slim\nWORKDIR /app\n${copy ? fragment : 'COPY --from=builder /src/out /out'}\nUSER nobody\nCMD ["/out/app"]\n`;
}

describe('snippets are clean under Stagecraft\'s own rules', () => {
  const snippets = readSnippets();
  for (const [name, s] of Object.entries(snippets)) {
    it(name, () => {
      const body = expandSnippet(s.body);
      const text = /^FROM\b/m.test(body) && /^Multi-stage/.test(name) ? body : name === 'Stage' ? `${body}\nRUN true\n` : inBuilder(body.replace(/^FROM .*$/m, ''));
      const a = analyze(text);
      assert.deepEqual(a.internalErrors, []);
      const findings = a.findings.filter((f) => f.rule !== 'stage/unreachable' || /^Multi-stage/.test(name));
      assert.deepEqual(findings.map((f) => `${f.range.start.line + 1}: ${f.rule}: ${f.message}`), [], `--- ${name} ---\n${text}`);
    });
  }
});
