// Entry point the extension host loads (extensionTestsPath): runs the mocha suites that fit the
// workspace's trust mode and writes a summary for the harness.
import fs from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const trust = process.env.STAGECRAFT_E2E_TRUST ?? 'trusted';
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60_000, reporter: 'spec' });
  const files = trust === 'untrusted'
    ? ['untrusted.test.js']
    : ['editor.test.js', 'editor-features.test.js', 'stage-graph.test.js', 'explain.test.js', ...(process.env.STAGECRAFT_E2E_DOCKER === '0' ? [] : ['docker-build.test.js', 'docker-run.test.js', 'build-platforms.test.js']),
      // run-suite.ts loads a stand-in extension under that id; other runners do not
      ...(process.env.STAGECRAFT_E2E_STANDIN ? ['coexistence.test.js'] : [])];
  for (const f of files) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const s = runner.stats;
      const summary = { trust, files, failures, passes: s?.passes ?? 0, pending: s?.pending ?? 0, duration: s?.duration ?? 0 };
      console.log(`[stagecraft e2e] ${JSON.stringify(summary)}`);
      if (process.env.STAGECRAFT_E2E_RESULT) fs.writeFileSync(process.env.STAGECRAFT_E2E_RESULT, JSON.stringify(summary, null, 2));
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else resolve();
    });
  });
}
