import { pathToFileURL, fileURLToPath } from 'node:url';

export const URI = {
  file(p: string): string {
    return pathToFileURL(p).toString();
  },
  /** The file system path of a `file:` URI, or undefined for other schemes (kept: each change asks it several times). */
  fsPath(uri: string): string | undefined {
    if (paths.has(uri)) return paths.get(uri);
    let p: string | undefined;
    if (uri.startsWith('file:')) {
      try {
        p = fileURLToPath(uri);
      } catch {
        p = undefined;
      }
    }
    if (paths.size >= 10_000) paths.clear();
    paths.set(uri, p);
    return p;
  },
};

const paths = new Map<string, string | undefined>();
