import { startServer } from './lsp/server';

// The transport (--stdio, --node-ipc, --socket=N, --pipe=N) comes from the command line.
startServer();
