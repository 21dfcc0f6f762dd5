// Bundles the extension client, the language server and the CLI with esbuild.
import * as esbuild from 'esbuild';

const watch = process.argv.includes('--watch');
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: !process.argv.includes('--no-sourcemap'),
  minify: process.argv.includes('--minify'),
  logLevel: 'warning',
  // CommonJS builds of dependencies (their "default" export condition), not their ESM builds: an ESM
  // module required from CommonJS (dockerfile-ast requires vscode-languageserver-types) is wrapped in
  // getters, and the parser reads those exports millions of times.
  conditions: [],
};
const builds = [
  { ...common, entryPoints: ['client/src/extension.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/main.ts'], outfile: 'dist/server.js' },
  { ...common, entryPoints: ['server/src/cli/main.ts'], outfile: 'dist/cli.js' },
  // the stage graph webview's script: runs in the webview (a browser), no Node, no vscode module
  { ...common, platform: 'browser', format: 'iife', target: 'es2022', entryPoints: ['client/src/webview/graph-webview.ts'], outfile: 'dist/graph-webview.js' },
];
if (watch) {
  for (const b of builds) await (await esbuild.context(b)).watch();
} else {
  await Promise.all(builds.map((b) => esbuild.build(b)));
}
