/**
 * Standard output that a closed reader (`stagecraft rules | head`) does not crash: the first
 * EPIPE stops further output and the run finishes quietly with its own exit code, as Unix tools do.
 * Any other write error is reported once on stderr.
 */
export interface Output {
  write(s: string): void;
  /** Whether the reader went away (nothing more is written). */
  readonly closed: boolean;
}

type Stream = Pick<NodeJS.WriteStream, 'write' | 'on'>;

export function guardedOutput(stream: Stream, onOtherError: (e: NodeJS.ErrnoException) => void): Output {
  let closed = false;
  const stop = (e: NodeJS.ErrnoException) => {
    if (closed) return;
    closed = true;
    if (e.code !== 'EPIPE' && e.code !== 'ERR_STREAM_DESTROYED') onOtherError(e);
  };
  stream.on('error', stop);
  return {
    write(s: string) {
      if (closed) return;
      try {
        stream.write(s);
      } catch (e) {
        stop(e as NodeJS.ErrnoException);
      }
    },
    get closed() {
      return closed;
    },
  };
}

let stdout: Output | undefined;
let stderr: Output | undefined;

/** The process's stdout and stderr, guarded (made once). */
export function processOutput(): { out: Output; err: Output } {
  if (!stderr) stderr = guardedOutput(process.stderr, () => {});
  if (!stdout) stdout = guardedOutput(process.stdout, (e) => stderr!.write(`stagecraft: cannot write output: ${e.message}\n`));
  return { out: stdout, err: stderr };
}
