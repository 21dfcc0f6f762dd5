// Runs the in-host suite through @vscode/test-electron's runTests, the way extension projects run
// their integration tests. Here vscodeExecutablePath is a shim that runs it inside code-server;
// with STAGECRAFT_E2E_DESKTOP=1 on a machine that can download VS Code, runTests downloads desktop
// VS Code and runs the very same suite there.
//
// usage: tsx run-test-electron.ts --workspace <dir>
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { log, REPO } from './code-server';

async function main(): Promise<number> {
  const i = process.argv.indexOf('--workspace');
  if (i < 0) throw new Error('missing --workspace');
  const workspace = path.resolve(process.argv[i + 1]);
  const desktop = process.env.STAGECRAFT_E2E_DESKTOP === '1';
  const code = await runTests({
    ...(desktop ? {} : { vscodeExecutablePath: path.join(__dirname, 'vscode-shim.sh') }),
    extensionDevelopmentPath: REPO,
    extensionTestsPath: path.join(REPO, 'dist/test/e2e/suite/index.js'),
    launchArgs: [workspace, '--disable-extensions'],
    extensionTestsEnv: { STAGECRAFT_E2E_TRUST: 'trusted' },
  });
  log(`test-electron: runTests resolved with ${code}`);
  return code;
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`[e2e test-electron] ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
