// Remembers the images this extension built (per Dockerfile and stage) and what docker says about
// them. docker is asked only after a build ends and once per remembered tag per session, never per
// keystroke, and never in an untrusted workspace.
import { execFile } from 'child_process';
import * as vscode from 'vscode';
import { ImageRecord, INSPECT_FORMAT, InspectResult, parseInspect, withInspect } from './image-info';
import { dockerAllowed } from './trust';

/** What is remembered per stage; see image-info.ts for what the lens's age means. */
export type BuiltImage = ImageRecord;

const STATE_KEY = 'stagecraft.builtImages.v1';
type Store = Record<string, Record<string, BuiltImage>>; // uri → stage key → image

/** Stage key: the stage name, lowercased (Docker treats names case-insensitively), or `#<index>`. */
export function stageKey(name: string | undefined, index: number): string {
  return name ? name.toLowerCase() : `#${index}`;
}

export class BuiltImages implements vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri | undefined>();
  readonly onDidChange = this.changed.event;
  private readonly inspectedThisSession = new Set<string>();

  constructor(
    private readonly memento: vscode.Memento,
    private readonly dockerPathFor: (uri: vscode.Uri) => string,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  dispose(): void {
    this.changed.dispose();
  }

  forDocument(uri: vscode.Uri): Record<string, BuiltImage> {
    const images = this.store()[uri.toString()] ?? {};
    for (const image of Object.values(images)) {
      if (!this.inspectedThisSession.has(image.tag)) {
        this.inspectedThisSession.add(image.tag);
        void this.refresh(uri, image.tag); // once per tag per session: the image may be gone or rebuilt
      }
    }
    return images;
  }

  async recordBuild(uri: vscode.Uri, key: string, tag: string): Promise<void> {
    this.inspectedThisSession.add(tag);
    await this.update(uri, key, { tag, builtAt: Date.now() });
    await this.refresh(uri, tag);
  }

  private async refresh(uri: vscode.Uri, tag: string): Promise<void> {
    if (!dockerAllowed()) return;
    const info = await inspectImage(this.dockerPathFor(uri), tag);
    const images = this.store()[uri.toString()] ?? {};
    for (const [key, image] of Object.entries(images)) {
      if (image.tag !== tag) continue;
      if (info) {
        await this.update(uri, key, withInspect(image, info));
      } else {
        this.log.info(`image ${tag} is gone; forgetting it`);
        await this.update(uri, key, undefined);
      }
    }
  }

  private store(): Store {
    return this.memento.get<Store>(STATE_KEY, {});
  }

  private async update(uri: vscode.Uri, key: string, image: BuiltImage | undefined): Promise<void> {
    const store = { ...this.store() };
    const doc = { ...(store[uri.toString()] ?? {}) };
    if (image) doc[key] = image;
    else delete doc[key];
    store[uri.toString()] = doc;
    await this.memento.update(STATE_KEY, store);
    this.changed.fire(uri);
  }
}

export function inspectImage(dockerPath: string, tag: string): Promise<InspectResult | undefined> {
  return new Promise((resolve) => {
    execFile(dockerPath, ['image', 'inspect', '--format', INSPECT_FORMAT, tag],
      { timeout: 15000, env: process.env }, (err, stdout) => resolve(err ? undefined : parseInspect(stdout)));
  });
}
