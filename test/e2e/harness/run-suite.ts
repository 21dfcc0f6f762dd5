// Runs the in-host mocha suite inside code-server's extension host: the browser workbench loads
// the extension under development and the tests (payload extensionDevelopmentPath /
// extensionTestsPath, honoured with the smoke-test driver option) and reports the result through
// window.codeAutomationExit.
//
// usage: tsx run-suite.ts --extension <dir> --tests <index.js> --workspace <dir>
//                         [--trust trusted|untrusted] [--extensions-dir <dir>] [--name <label>]
import fs from 'node:fs';
import path from 'node:path';
import util from 'node:util';
import type { BrowserContext } from 'playwright-core';
import { CodeServer, launchChromium, log, REPO, startCodeServer, stopCodeServer, Trust, watchRemoteRequests, writeUserSettings } from './code-server';

function option(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`missing --${name}`);
  return v;
}

async function main(): Promise<number> {
  const extension = path.resolve(option('extension'));
  const tests = path.resolve(option('tests'));
  const workspace = path.resolve(option('workspace'));
  const trust = option('trust', 'trusted') as Trust;
  const name = option('name', trust);
  const timeoutMs = Number(process.env.STAGECRAFT_E2E_TIMEOUT_MS ?? 300_000);
  const runDir = path.join(REPO, '.e2e-cache/runs', `${name}-${Date.now()}`);
  const extensionsDir = path.resolve(option('extensions-dir', path.join(runDir, 'extensions')));
  const userDataDir = path.join(runDir, 'user-data');
  const resultFile = path.join(runDir, 'result.json');
  fs.mkdirSync(runDir, { recursive: true });
  writeUserSettings(userDataDir, trust);
  // stagecraft.overlap's test: a stand-in installed under Microsoft's id (no marketplace here), copied
  // into a fresh extensions folder, which VS Code scans when it has no extensions.json yet (a folder
  // with installed VSIXs has one: there the stand-in and its test are left out)
  let standInId: string | undefined;
  if (!fs.existsSync(path.join(extensionsDir, 'extensions.json'))) {
    standInId = 'ms-azuretools.vscode-containers';
    fs.mkdirSync(extensionsDir, { recursive: true });
    fs.cpSync(path.join(REPO, 'test/e2e/fixtures/overlap-standin'), path.join(extensionsDir, `${standInId}-0.0.0`), { recursive: true });
  }

  let cs: CodeServer | undefined;
  let ctx: BrowserContext | undefined;
  try {
    cs = await startCodeServer({
      runDir, userDataDir, extensionsDir, trust, smokeTestDriver: true,
      env: { STAGECRAFT_E2E_RESULT: resultFile, STAGECRAFT_E2E_TRUST: trust, STAGECRAFT_E2E_WORKSPACE: workspace, ...(standInId ? { STAGECRAFT_E2E_STANDIN: standInId } : {}) },
    });
    ctx = await launchChromium(path.join(runDir, 'chromium'));
    const remote = watchRemoteRequests(ctx);
    const page = ctx.pages()[0] ?? await ctx.newPage();
    let finish!: (code: number) => void;
    const finished = new Promise<number>((r) => { finish = r; });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    // the extension host's console (mocha's reporter) is mirrored into the page console as
    // console.log('%c<level>', '<css>', fmt, ...args)
    page.on('console', async (m) => {
      let args: unknown[];
      try { args = await Promise.all(m.args().map((a) => a.jsonValue())); } catch { args = [m.text()]; }
      if (typeof args[0] === 'string' && args[0].startsWith('%c')) args = args.slice(2);
      const text = util.format(...args);
      if (/Failed to load resource|ERR_NAME_NOT_RESOLVED/.test(text)) return;
      if (process.env.VERBOSE || /^\s*(✔|✓|\d+\) |\d+ (passing|failing|pending)|\[stagecraft|Error|AssertionError|at |[A-Za-z].* \(in the real extension host\))/.test(text)) {
        console.log(`  ${text.slice(0, 2000)}`);
      }
    });
    page.on('pageerror', (e) => console.log('  [pageerror]', e.message));
    const uri = (p: string) => `vscode-remote://${cs!.authority}${p}`;
    const payload = [
      ['extensionDevelopmentPath', uri(extension)],
      ['extensionTestsPath', uri(tests)],
      ['skipWelcome', 'true'],
      ['skipReleaseNotes', 'true'],
    ];
    const url = `http://${cs.authority}/?folder=${encodeURIComponent(workspace)}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    log(`${name}: open workbench with ${path.relative(REPO, extension) || '.'} and ${path.relative(REPO, tests)}`);
    await page.goto(url);
    let timer: NodeJS.Timeout | undefined;
    const code = await Promise.race([finished, new Promise<number>((r) => { timer = setTimeout(() => r(124), timeoutMs); })]);
    clearTimeout(timer);
    if (code === 124) {
      log(`${name}: no result after ${timeoutMs / 1000} s`);
      await page.screenshot({ path: path.join(runDir, 'timeout.png') }).catch(() => undefined);
    }
    const result = fs.existsSync(resultFile) ? JSON.parse(fs.readFileSync(resultFile, 'utf8')) : undefined;
    if (!result) {
      log(`${name}: the suite wrote no result (did the extension host load it?) — logs in ${runDir}`);
      return code === 0 ? 1 : code;
    }
    log(`${name}: ${result.passes} passing, ${result.failures} failing, ${result.pending} pending (${result.duration} ms in the extension host)`);
    if (remote.size > 0) {
      log(`${name}: the browser tried to reach: ${[...remote].join(', ')}`);
      return 1;
    }
    return code === 0 && result.failures === 0 && result.passes > 0 ? 0 : 1;
  } finally {
    await ctx?.close().catch(() => undefined);
    await stopCodeServer(cs);
  }
}

main().then((code) => { process.exitCode = code; }, (err) => {
  console.error(`[e2e] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exitCode = 1;
});
