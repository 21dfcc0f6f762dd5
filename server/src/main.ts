import { format } from 'node:util';
import { createConnection, MessageReader, ProposedFeatures } from 'vscode-languageserver/node';
import { cancelQueued, startServer } from './lsp/server';
import { FramedMessageWriter } from './lsp/framed-writer';

// The transport (--stdio, --node-ipc, --socket=N, --pipe=N) comes from the command line.
if (process.argv.includes('--stdio')) {
  // stdout carries the protocol: anything a library prints goes to stderr
  for (const level of ['log', 'info', 'debug', 'warn', 'error', 'trace'] as const) {
    console[level] = (...args: unknown[]) => void process.stderr.write(`${format(...args)}\n`);
  }
  // stdin is given as the stream itself (the library reads it, and exits when it ends, as with --stdio);
  // the typings pair a stream only with a stream, the code takes either for each
  const input = process.stdin as unknown as MessageReader;
  startServer(createConnection(ProposedFeatures.all, input, new FramedMessageWriter(process.stdout), cancelQueued));
} else {
  startServer();
}
