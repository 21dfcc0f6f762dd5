// The extension as a person uses it: the workbench in headless Chromium, a Dockerfile opened from
// Quick Open, the squiggle, the Problems entry and the lenses, a quick fix with Ctrl+., hover and
// completion, and the stage graph. Screenshots go to docs/images/ (shown in the README).
//
// usage: tsx ui/workbench.ui.ts --workspace <dir> (--extension <dir> | --extensions-dir <dir with the VSIX installed>)
//                               [--screenshots <dir>]
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  CodeServer, launchChromium, log, REPO, startCodeServer, stopCodeServer, watchRemoteRequests, writeUserSettings,
} from '../harness/code-server';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const WAIT = 60_000;

async function step<T>(name: string, fn: () => Promise<T>): Promise<T> {
  const t = Date.now();
  const v = await fn();
  log(`ui: ${name} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
  return v;
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: title }).first().waitFor({ timeout: WAIT });
  await page.keyboard.press('Enter');
}

async function main(): Promise<void> {
  const workspace = path.resolve(option('workspace') ?? '');
  const extension = option('extension');
  const screenshots = path.resolve(option('screenshots') ?? path.join(REPO, 'docs/images'));
  const runDir = path.join(REPO, '.e2e-cache/runs', `ui-${Date.now()}`);
  const extensionsDir = path.resolve(option('extensions-dir') ?? path.join(runDir, 'extensions'));
  const userDataDir = path.join(runDir, 'user-data');
  fs.mkdirSync(screenshots, { recursive: true });
  writeUserSettings(userDataDir, 'trusted', {
    'workbench.colorTheme': 'Default Dark Modern',
    'editor.fontSize': 14,
    'window.zoomLevel': 0,
    'workbench.activityBar.location': 'default',
    'chat.commandCenter.enabled': false,
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'workbench.panel.defaultLocation': 'bottom',
    // the DOM renderer: the terminal's text is in the page, so the test can read what a task printed
    'terminal.integrated.gpuAcceleration': 'off',
  });

  let cs: CodeServer | undefined;
  let ctx: BrowserContext | undefined;
  let page: Page | undefined;
  try {
    cs = await startCodeServer({ runDir, userDataDir, extensionsDir, trust: 'trusted', smokeTestDriver: !!extension });
    ctx = await launchChromium(path.join(runDir, 'chromium'));
    const remote = watchRemoteRequests(ctx);
    page = ctx.pages()[0] ?? await ctx.newPage();
    const p = page;
    let url = `http://${cs.authority}/?folder=${encodeURIComponent(workspace)}`;
    if (extension) {
      const payload = [['extensionDevelopmentPath', `vscode-remote://${cs.authority}${path.resolve(extension)}`], ['skipWelcome', 'true']];
      url += `&payload=${encodeURIComponent(JSON.stringify(payload))}`;
    }
    await step('workbench loaded', async () => {
      await p.goto(url);
      await p.locator('.monaco-workbench').waitFor({ timeout: WAIT });
      await p.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: WAIT });
    });

    await step('Dockerfile opened from Quick Open', async () => {
      await p.locator('.monaco-workbench .part.editor').click({ position: { x: 300, y: 300 } }).catch(() => undefined);
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: WAIT });
      await input.fill('Dockerfile');
      // the Dockerfile at the folder's root: its row has no folder description
      const row = p.locator('.quick-input-list .monaco-list-row', { hasText: /^Dockerfile/ }).filter({ hasNotText: /app|rename|broken|explain/ });
      await row.first().waitFor({ timeout: WAIT });
      await row.first().click();
      await p.locator('.tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: WAIT });
      await p.locator('.monaco-editor .view-lines').first().waitFor({ timeout: WAIT });
    });

    await step('squiggle, lenses and Problems entry shown', async () => {
      await p.locator('.monaco-editor .squiggly-error').first().waitFor({ timeout: WAIT });
      await p.locator('.codelens-decoration', { hasText: '▶ Build builder' }).first().waitFor({ timeout: WAIT });
      await p.locator('.codelens-decoration', { hasText: '▶ Build runner' }).first().waitFor({ timeout: WAIT });
      await p.keyboard.press('Control+Shift+M');
      await p.locator('.markers-panel .monaco-list-row', { hasText: 'stage/unknown-from' }).first().waitFor({ timeout: WAIT });
    });
    const lensTexts = await p.locator('.codelens-decoration').allInnerTexts();
    log(`ui: lenses ${JSON.stringify(lensTexts)}`);
    const problems = await p.locator('.markers-panel .monaco-list-row').allInnerTexts();
    log(`ui: problems ${JSON.stringify(problems.map((t) => t.replace(/\s+/g, ' ')))}`);
    await p.screenshot({ path: path.join(screenshots, 'editor-diagnostics-and-lenses.png') });

    await step('quick fix applied with Ctrl+.', async () => {
      // put the cursor inside the misspelt stage name with Go to Line/Column (line 6, column 15),
      // which also gives the editor the keyboard focus back from the Problems panel
      await p.keyboard.press('Control+G');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: WAIT });
      await input.fill(':6:15');
      await p.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: WAIT });
      await p.locator('.monaco-editor.focused').first().waitFor({ timeout: WAIT });
      await p.keyboard.press('Control+.');
      const item = p.locator('.action-widget .monaco-list-row', { hasText: /builder/ }).filter({ hasNotText: /[Ii]gnore|[Dd]ocumentation/ });
      await item.first().waitFor({ timeout: WAIT });
      await p.screenshot({ path: path.join(screenshots, 'quick-fix.png') });
      await item.first().click();
      await p.locator('.monaco-editor .view-line', { hasText: 'COPY --from=builder /out/marker /marker' }).first().waitFor({ timeout: WAIT });
      await p.locator('.markers-panel .monaco-list-row', { hasText: 'stage/unknown-from' }).first().waitFor({ state: 'detached', timeout: WAIT });
    });
    const editorText = (await p.locator('.monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');
    assert.match(editorText, /COPY --from=builder/);
    assert.doesNotMatch(editorText, /buidler/);

    const goTo = async (where: string) => {
      await p.keyboard.press('Control+G');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: WAIT });
      await input.fill(where);
      await p.keyboard.press('Enter');
      await input.waitFor({ state: 'hidden', timeout: WAIT });
      await p.locator('.monaco-editor.focused').first().waitFor({ timeout: WAIT });
    };
    await step('hover on FROM shows the stage, its chain and the reference', async () => {
      await goTo(':5:2');
      await p.keyboard.press('Control+K');
      await p.keyboard.press('Control+I');
      await p.locator('.monaco-hover', { hasText: 'Stage runner' }).first().waitFor({ timeout: WAIT });
      await p.locator('.monaco-hover', { hasText: 'The shipped image gets' }).first().waitFor({ timeout: WAIT });
      await p.screenshot({ path: path.join(screenshots, 'hover.png') });
      await p.keyboard.press('Escape');
    });
    await step('completion offers the cache directory of the command on the line', async () => {
      await goTo(':2:13');
      await p.keyboard.press('End');
      await p.keyboard.press('Enter');
      await p.keyboard.type('RUN --mount=type=cache,target= apt-get update', { delay: 10 });
      await p.keyboard.press('Escape');
      for (let i = 0; i < ' apt-get update'.length; i++) await p.keyboard.press('ArrowLeft');
      await p.keyboard.press('Control+Space');
      await p.locator('.suggest-widget .monaco-list-row.focused', { hasText: '/var/cache/apt' }).first().waitFor({ timeout: WAIT });
      await p.screenshot({ path: path.join(screenshots, 'completion.png') });
      await p.keyboard.press('Escape');
      await p.keyboard.press('Control+Shift+K'); // the line goes again: the Dockerfile is as the quick fix left it
      await p.locator('.monaco-editor .view-line', { hasText: '--mount=type=cache' }).first().waitFor({ state: 'detached', timeout: WAIT });
    });

    await step('Build lens builds the stage in a task; the lens then shows the image', async () => {
      assert.ok(process.env.DOCKER_HOST, 'DOCKER_HOST names the test engine');
      await p.locator('.codelens-decoration a', { hasText: '▶ Build builder' }).first().click();
      // the age counts from this build, even when the build was served from cache
      await p.locator('.codelens-decoration', { hasText: /builder · [\d.]+ (B|kB|MB) · just now/ }).first().waitFor({ timeout: 120_000 });
      // what BuildKit did, read from its output: steps and how many came from cache
      await p.locator('.codelens-decoration', { hasText: /\d+ steps? · \d+ cached · \d+\.\d s/ }).first().waitFor({ timeout: WAIT });
      await p.locator('.terminal-wrapper, .xterm').first().waitFor({ timeout: WAIT });
      await p.locator('.xterm-rows > div', { hasText: /naming\sto\sdocker\.io\/stagecraft-e2e\/stagecraft-ws-dockerfile:builder/ }).first().waitFor({ timeout: WAIT });
    });
    log(`ui: lenses after the build ${JSON.stringify(await p.locator('.codelens-decoration').allInnerTexts())}`);
    await p.screenshot({ path: path.join(screenshots, 'build-stage.png') });

    await step('Run lens builds the runner and runs its command in a terminal', async () => {
      const runnerLens = p.locator('.codelens-decoration', { hasText: '▶ Build runner' }).first();
      await runnerLens.locator('a', { hasText: /^Run$/ }).click();
      // the runner's CMD is `cat /marker`: the file the builder stage wrote
      // (a row that is only that line: the build's log also shows the RUN that wrote it)
      await p.locator('.xterm-rows > div', { hasText: /^\s*built\sby\sbuilder\s*$/ }).first().waitFor({ timeout: 120_000 });
    });

    const nodes = await step('stage graph shows the stages', async () => {
      await runCommand(p, 'Stagecraft: Show Stage Graph');
      const frame = p.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await frame.locator('svg.graph g.node').nth(1).waitFor({ timeout: WAIT });
      return frame.locator('svg.graph g.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    });
    log(`ui: graph nodes ${JSON.stringify(nodes)}`);
    assert.deepEqual(nodes, ['builder', 'runner']);

    const followed = await step('stage graph follows the active Dockerfile', async () => {
      await p.keyboard.press('Control+J'); // hide the panel: more room for the graph
      await p.locator('.explorer-folders-view .monaco-list-row', { hasText: 'rename.Dockerfile' }).first().click();
      await p.locator('.tab.active', { hasText: 'rename.Dockerfile' }).waitFor({ timeout: WAIT });
      const frame = p.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
      await frame.locator('svg.graph g.node[data-name="runtime"]').waitFor({ timeout: WAIT });
      await frame.locator('svg.graph g.node.unreachable[data-name="test"]').waitFor({ timeout: WAIT });
      return frame.locator('svg.graph g.node').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    });
    assert.deepEqual(followed, ['base', 'build', 'test', 'runtime']);
    await p.screenshot({ path: path.join(screenshots, 'stage-graph.png') });

    const quickOpen = async (name: string, folder: string) => {
      await p.keyboard.press('Control+P');
      const input = p.locator('.quick-input-widget input');
      await input.waitFor({ state: 'visible', timeout: WAIT });
      await input.fill(`${folder}/${name}`);
      await p.locator('.quick-input-list .monaco-list-row', { hasText: name }).filter({ hasText: folder }).first().click();
      await p.locator('.tab.active', { hasText: name }).waitFor({ timeout: WAIT });
    };
    await step('hover on COPY lists its cache inputs', async () => {
      await runCommand(p, 'View: Close All Editors');
      await quickOpen('Dockerfile', 'explain');
      await p.locator('.codelens-decoration', { hasText: '2 of 6 steps rebuild when sources change' }).first().waitFor({ timeout: WAIT });
      await goTo(':5:2');
      await p.keyboard.press('Control+K');
      await p.keyboard.press('Control+I');
      await p.locator('.monaco-hover', { hasText: 'Cache key' }).first().waitFor({ timeout: WAIT });
      await p.locator('.monaco-hover', { hasText: 'src/app.js' }).first().waitFor({ timeout: WAIT });
      await p.screenshot({ path: path.join(screenshots, 'hover-cache-key.png') });
      await p.keyboard.press('Escape');
    });
    await step('"What rebuilds when this file changes?" highlights the steps', async () => {
      await quickOpen('app.js', 'explain');
      await runCommand(p, 'Stagecraft: What rebuilds when this file changes?');
      // the command shows the Dockerfile, then decorates it (the summary toast is not waited on: in the
      // one run so far it was not on screen when the highlights were)
      await p.locator('.tab.active', { hasText: 'Dockerfile' }).waitFor({ timeout: WAIT });
      await p.locator('.monaco-editor .view-overlays [class*="ced-"]').first().waitFor({ timeout: WAIT });
      await p.screenshot({ path: path.join(screenshots, 'rebuild-highlights.png') });
    });

    assert.deepEqual([...remote], [], 'the browser reached nothing but loopback');
    log(`ui: screenshots in ${path.relative(REPO, screenshots)}`);
  } catch (err) {
    if (page) await page.screenshot({ path: path.join(runDir, 'failure.png') }).catch(() => undefined);
    log(`ui: FAILED — screenshot and logs in ${runDir}`);
    throw err;
  } finally {
    await ctx?.close().catch(() => undefined);
    await stopCodeServer(cs);
  }
}

main().then(() => { process.exitCode = 0; }, (err) => {
  console.error(`[e2e ui] ${err instanceof Error ? err.stack ?? err.message : String(err)}`);
  process.exitCode = 1;
});
