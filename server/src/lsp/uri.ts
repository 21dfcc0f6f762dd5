import { pathToFileURL, fileURLToPath } from 'node:url';

export const URI = {
  file(p: string): string {
    return pathToFileURL(p).toString();
  },
  /** The file system path of a `file:` URI, or undefined for other schemes. */
  fsPath(uri: string): string | undefined {
    if (!uri.startsWith('file:')) return undefined;
    try {
      return fileURLToPath(uri);
    } catch {
      return undefined;
    }
  },
};
