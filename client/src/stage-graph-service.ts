// Asks the server for a document's stage graph (`stagecraft/stageGraph`), one request per
// document version: the status item, the image lenses and the graph view share the answer.
import * as vscode from 'vscode';
import type { LanguageClient } from 'vscode-languageclient/node';
import { StageGraph, StageGraphParams, StageGraphRequest } from '../../server/src/protocol';

export class StageGraphService {
  private readonly cache = new Map<string, { version: number; graph: Promise<StageGraph | undefined> }>();

  constructor(private readonly client: () => LanguageClient | undefined) {}

  get(document: vscode.TextDocument): Promise<StageGraph | undefined> {
    const key = document.uri.toString();
    const hit = this.cache.get(key);
    if (hit && hit.version === document.version) return hit.graph;
    const graph = this.request(document);
    this.cache.set(key, { version: document.version, graph });
    // a failed request must not stick: forget it so the next call asks again
    graph.then((g) => { if (!g && this.cache.get(key)?.graph === graph) this.cache.delete(key); });
    return graph;
  }

  forget(uri: vscode.Uri): void {
    this.cache.delete(uri.toString());
  }

  clear(): void {
    this.cache.clear();
  }

  private async request(document: vscode.TextDocument): Promise<StageGraph | undefined> {
    const client = this.client();
    if (!client || !client.isRunning()) return undefined;
    const params: StageGraphParams = { textDocument: { uri: client.code2ProtocolConverter.asUri(document.uri) } };
    try {
      const graph = await client.sendRequest<StageGraph | null>(StageGraphRequest, params);
      return graph ?? undefined;
    } catch {
      return undefined;
    }
  }
}
