import {
  createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, InitializeResult, CodeActionKind,
  DidChangeWatchedFilesNotification, Connection, CancellationToken, ResponseError, LSPErrorCodes, ConnectionStrategy,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { Workspace } from './workspace';
import { toDiagnostic } from './convert';
import { codeActions, FIX_ALL_KIND } from './handlers/code-action';
import { codeLenses } from './handlers/code-lens';
import { documentSymbols, foldings } from './handlers/symbols';
import { definition, highlights, prepareRename, references, rename } from './handlers/stage-names';
import { completion } from './handlers/completion';
import { hover } from './handlers/hover';
import { formatting } from './handlers/formatting';
import { documentLinks } from './handlers/document-links';
import { semanticTokens, semanticTokensLegend } from './handlers/semantic-tokens';
import { stageGraph } from '../core/features/stage-info';
import { ExplainParams, ExplainRequest, StageGraphParams, StageGraphRequest } from '../protocol';
import { explainDocument } from './handlers/explain';
import { isContextFact } from '../host/build-context';
import { URI } from './uri';
import { Timing } from './trace';
import type { StagecraftSettings } from '../protocol';

/** A request the client cancelled while it was still queued is answered at once, without running. */
export const cancelQueued: ConnectionStrategy = {
  cancelUndispatched: (message) => ({ jsonrpc: '2.0', id: (message as { id?: number | string }).id ?? null, error: new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled').toJson() }),
};

export function startServer(connection: Connection = createConnection(ProposedFeatures.all, cancelQueued)): void {
  const documents = new TextDocuments(TextDocument);
  const ws = new Workspace(connection);
  let watchDynamically = false;

  connection.onInitialize((params): InitializeResult => {
    const caps = params.capabilities;
    ws.supportsConfiguration = !!caps.workspace?.configuration;
    watchDynamically = !!caps.workspace?.didChangeWatchedFiles?.dynamicRegistration;
    ws.workspaceFolders = (params.workspaceFolders ?? []).map((f) => URI.fsPath(f.uri)).filter((p): p is string => !!p);
    if (!ws.workspaceFolders.length && params.rootUri) {
      const root = URI.fsPath(params.rootUri);
      if (root) ws.workspaceFolders.push(root);
    }
    return {
      capabilities: {
        textDocumentSync: TextDocumentSyncKind.Incremental,
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, CodeActionKind.RefactorRewrite, FIX_ALL_KIND], resolveProvider: false },
        codeLensProvider: { resolveProvider: false },
        documentSymbolProvider: true,
        foldingRangeProvider: true,
        definitionProvider: true,
        referencesProvider: true,
        documentHighlightProvider: true,
        renameProvider: { prepareProvider: true },
        completionProvider: { triggerCharacters: ['=', '-', '$', '{', ',', ' '], resolveProvider: false },
        hoverProvider: true,
        documentFormattingProvider: true,
        documentRangeFormattingProvider: true,
        documentLinkProvider: { resolveProvider: false },
        semanticTokensProvider: { legend: semanticTokensLegend, full: true },
      },
      serverInfo: { name: 'stagecraft-language-server', version: '0.1.0' },
    };
  });

  connection.onInitialized(() => {
    if (watchDynamically) {
      void connection.client.register(DidChangeWatchedFilesNotification.type, {
        watchers: [
          { globPattern: '**/.dockerignore' }, { globPattern: '**/.stagecraft.json' }, { globPattern: '**/package.json' },
          { globPattern: '**/*.{lock,lockb}' }, { globPattern: '**/*-lock.{json,yaml}' }, { globPattern: '**/{go.mod,go.sum,Cargo.toml,pom.xml,Gemfile,Pipfile,pyproject.toml,composer.json,requirements*.txt,*.csproj,build.gradle*,settings.gradle*,.env}' },
        ],
      });
    }
  });

  // Diagnostics: one pending validation per document; a burst of changes validates only the last version.
  // The connection handles one queued message per event-loop turn, so the validation waits two turns:
  // a change still queued (or just read) replaces it before it runs, and superseded versions are never
  // analysed. (Two idle turns cost microseconds; `npm run bench` shows them as the `queued` step.)
  const timing = new Timing(connection);
  const pending = new Map<string, NodeJS.Immediate>();
  const validate = (doc: TextDocument) => {
    const p = pending.get(doc.uri);
    if (p) clearImmediate(p);
    const span = timing.enabled ? timing.span(doc.uri, doc.version, performance.now()) : undefined;
    pending.set(doc.uri, setImmediate(() => pending.set(doc.uri, setImmediate(() => {
      pending.delete(doc.uri);
      const current = documents.get(doc.uri);
      if (!current) return;
      span?.mark('queued');
      const publish = (settings: StagecraftSettings) => {
        span?.mark('settings');
        const latest = documents.get(doc.uri);
        if (!latest || latest.version !== current.version) return; // a newer change is queued
        if (!settings.enable) {
          void connection.sendDiagnostics({ uri: latest.uri, version: latest.version, diagnostics: [] });
          return;
        }
        const analysis = ws.analysis(latest, span && ((phase) => span.mark(phase)));
        const diagnostics = analysis.findings.map(toDiagnostic);
        span?.mark('convert');
        void connection.sendDiagnostics({ uri: latest.uri, version: latest.version, diagnostics });
        if (span) {
          span.mark('publish');
          span.extra = { reused: analysis.parsed?.stats.reusedChunks, reparsed: analysis.parsed?.stats.reparsedChunks };
          span.end();
        }
      };
      // settings are asked of the client once per document and kept: no round trip per change
      const known = ws.knownSettings(current.uri);
      if (known) publish(known);
      else void ws.settingsFor(current.uri).then(publish);
    }))));
  };
  const revalidateAll = () => documents.all().forEach(validate);

  documents.onDidOpen((e) => validate(e.document));
  documents.onDidChangeContent((e) => validate(e.document));
  documents.onDidClose((e) => {
    ws.forget(e.document.uri);
    const p = pending.get(e.document.uri);
    if (p) clearImmediate(p);
    void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
  });
  connection.onDidChangeConfiguration(() => {
    ws.settingsChanged();
    ws.filesChanged();
    revalidateAll();
  });
  connection.onDidChangeWatchedFiles((e) => {
    if (e.changes.some((c) => isContextFact(c.uri))) {
      ws.filesChanged();
      revalidateAll();
    }
  });

  // Requests run on the document's current version (its analysis is cached and shared); one cancelled
  // before it starts is answered with RequestCancelled instead of running.
  // A request that arrives before the document's settings are known (right after it was opened) waits
  // for them, so it answers from the same analysis as the diagnostics the user sees.
  const withDoc = <P extends { textDocument: { uri: string } }, R>(fallback: R, fn: (doc: TextDocument, p: P) => R) => (p: P, token?: CancellationToken): R | ResponseError<void> | Promise<R | ResponseError<void>> => {
    const answer = (): R | ResponseError<void> => {
      if (token?.isCancellationRequested) return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      const doc = documents.get(p.textDocument.uri);
      return doc ? fn(doc, p) : fallback;
    };
    if (!documents.get(p.textDocument.uri) || ws.knownSettings(p.textDocument.uri)) return answer();
    return ws.settingsFor(p.textDocument.uri).then(answer);
  };
  connection.onCodeAction(withDoc([], (doc, p) => codeActions(ws, doc, p)));
  connection.onCodeLens(withDoc([], (doc) => codeLenses(ws, doc)));
  connection.onDocumentSymbol(withDoc([], (doc) => documentSymbols(ws, doc)));
  connection.onFoldingRanges(withDoc([], (doc) => foldings(ws, doc)));
  connection.onDefinition(withDoc(null, (doc, p) => definition(ws, doc, p.position)));
  connection.onReferences(withDoc([], (doc, p) => references(ws, doc, p.position, p.context.includeDeclaration)));
  connection.onDocumentHighlight(withDoc([], (doc, p) => highlights(ws, doc, p.position)));
  connection.onPrepareRename(withDoc(null, (doc, p) => prepareRename(ws, doc, p.position)));
  connection.onRenameRequest(withDoc(null, (doc, p) => rename(ws, doc, p.position, p.newName)));
  connection.onCompletion(withDoc([], (doc, p) => completion(ws, doc, p.position)));
  connection.onHover(withDoc(null, (doc, p) => hover(ws, doc, p.position)));
  connection.onDocumentFormatting(withDoc([], (doc, p) => formatting(ws, doc, p.options)));
  connection.onDocumentRangeFormatting(withDoc([], (doc, p) => formatting(ws, doc, p.options, p.range)));
  connection.onDocumentLinks(withDoc([], (doc) => documentLinks(ws, doc)));
  connection.languages.semanticTokens.on(withDoc({ data: [] }, (doc) => semanticTokens(ws, doc)));
  connection.onRequest(ExplainRequest, withDoc(null, (doc: TextDocument, p: ExplainParams) => explainDocument(ws, doc, p)));
  connection.onRequest(StageGraphRequest, withDoc(null, (doc: TextDocument, _p: StageGraphParams) => {
    const model = ws.analysis(doc).model;
    return model ? stageGraph(model) : { stages: [], edges: [], targets: [] };
  }));

  documents.listen(connection);
  connection.listen();
}
