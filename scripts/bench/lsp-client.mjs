// A minimal LSP client for the benchmark: drives `node dist/server.js --stdio` with
// vscode-languageserver-protocol and resolves waits on messages (never on sleeps).
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const P = require('vscode-languageserver-protocol/node');

export class BenchClient {
  /** `serverJs`: the server's script, started with this Node and `nodeArgs`. */
  constructor(serverJs, args = ['--stdio'], nodeArgs = []) {
    this.proc = spawn(process.execPath, [...nodeArgs, serverJs, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    this.stderr = '';
    this.proc.stderr.on('data', (d) => (this.stderr += d));
    this.exited = new Promise((resolve) => this.proc.on('exit', (code) => resolve(code)));
    this.connection = P.createProtocolConnection(new P.StreamMessageReader(this.proc.stdout), new P.StreamMessageWriter(this.proc.stdin));
    /** uri → latest published { version, diagnostics, at } */
    this.latest = new Map();
    this.waiters = [];
    this.connection.onNotification(P.PublishDiagnosticsNotification.type, (p) => {
      const at = performance.now();
      this.latest.set(p.uri, { ...p, at });
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        const w = this.waiters[i];
        if (w.uri === p.uri && (w.version === undefined || w.version === p.version)) {
          this.waiters.splice(i, 1);
          w.resolve({ ...p, at });
        }
      }
      const next = this.nextWaiters.filter((x) => x.uri === p.uri);
      this.nextWaiters = this.nextWaiters.filter((x) => x.uri !== p.uri);
      for (const w of next) w.resolve({ ...p, at });
      this.onDiagnostics?.(p, at);
    });
    /** Waiters for the next publication for a document, whatever its version (for servers that send none). */
    this.nextWaiters = [];
    /** Stagecraft's timing records ($/logTrace `stagecraft/timing`), in arrival order. */
    this.timings = [];
    this.connection.onNotification(P.LogTraceNotification.type, (p) => {
      if (p.message === 'stagecraft/timing' && p.verbose) this.timings.push(JSON.parse(p.verbose));
    });
    this.settings = {};
    this.connection.onRequest(P.ConfigurationRequest.type, (p) => p.items.map(() => this.settings));
    this.connection.onRequest(P.RegistrationRequest.type, () => undefined);
    this.connection.listen();
  }

  async initialize(rootUri = null) {
    await this.connection.sendRequest(P.InitializeRequest.type, {
      processId: process.pid,
      rootUri,
      workspaceFolders: rootUri ? [{ uri: rootUri, name: 'ws' }] : null,
      capabilities: {
        workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true }, workspaceEdit: { documentChanges: true } },
        textDocument: { publishDiagnostics: { versionSupport: true } },
      },
    });
    await this.connection.sendNotification(P.InitializedNotification.type, {});
  }

  waitForDiagnostics(uri, version, timeoutMs = 60000) {
    const l = this.latest.get(uri);
    if (l && (version === undefined || l.version === version)) return Promise.resolve(l);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.waiters.push({ uri, version, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  /** The next diagnostics published for `uri` after this call (call it before sending the change). */
  nextDiagnostics(uri, timeoutMs = 60000) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} within ${timeoutMs} ms; stderr: ${this.stderr.slice(-2000)}`)), timeoutMs);
      this.nextWaiters.push({ uri, resolve: (p) => { clearTimeout(timer); resolve(p); } });
    });
  }

  setTrace(value) {
    return this.connection.sendNotification(P.SetTraceNotification.type, { value });
  }

  open(uri, text, version = 1) {
    return this.connection.sendNotification(P.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'dockerfile', version, text } });
  }

  change(uri, version, contentChanges) {
    return this.connection.sendNotification(P.DidChangeTextDocumentNotification.type, { textDocument: { uri, version }, contentChanges });
  }

  close(uri) {
    this.latest.delete(uri);
    return this.connection.sendNotification(P.DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  request(type, params) {
    return this.connection.sendRequest(P[type].type, params);
  }

  /** Peak resident set size of the server (kB), from /proc (Linux). */
  peakRssKb() {
    try {
      const m = /VmHWM:\s+(\d+)\s+kB/.exec(fs.readFileSync(`/proc/${this.proc.pid}/status`, 'utf8'));
      return m ? Number(m[1]) : null;
    } catch {
      return null;
    }
  }

  async stop() {
    try {
      await Promise.race([this.connection.sendRequest(P.ShutdownRequest.type), new Promise((r) => setTimeout(r, 2000))]);
      await this.connection.sendNotification(P.ExitNotification.type);
    } catch {
      /* gone */
    }
    const code = await Promise.race([this.exited, new Promise((r) => setTimeout(() => r('timeout'), 3000))]);
    if (code === 'timeout') this.proc.kill('SIGKILL');
    this.connection.dispose();
  }
}

export const Protocol = P;
export const here = path.dirname(new URL(import.meta.url).pathname);
