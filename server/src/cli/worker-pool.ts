/**
 * Lints many files on worker threads. Most of a cold `stagecraft lint` is spent analysing files with
 * a JIT that has not warmed up yet, and each thread warms up its own: threads shorten the run only
 * where there are cores to spare for them and for V8's compiler threads (see `defaultJobs`).
 *
 * The worker runs the same module as the CLI: `new Worker(__filename)` loads the bundle
 * (`dist/cli.js`) again, and the `workerData` marker checked below, at module load, turns that copy
 * into a worker instead of a command line. When this file is not a bundle (TypeScript loaded by a
 * test runner) no worker can load it, and files are linted in-process.
 *
 * The results are the serial run's: one `lintFileSafe` per file, results put back in the order of
 * the files, findings passed back by structured clone (a `Finding` is plain data: strings, numbers,
 * arrays and plain objects). A worker that dies costs only the file it was linting, which gets an
 * error naming it; the other files are handed to a new worker.
 */
import * as os from 'node:os';
import { Worker, isMainThread, parentPort, threadId, workerData } from 'node:worker_threads';
import { FileResult, LintOptions, injectedFault, internalErrorResult, lintFileSafe } from './lint';

const MARKER = 'stagecraftLintWorker';
/** Fewer files than this are linted in-process: starting a worker costs about as much as linting a few files. */
export const MIN_FILES_FOR_WORKERS = 16;
/** Each worker gets at least this many files. */
const MIN_FILES_PER_WORKER = 8;
/** Files sent to a worker ahead of its results, so that it never waits for the next one. */
const IN_FLIGHT = 2;

interface WorkerInit {
  [MARKER]: true;
  options: LintOptions;
}
type ToWorker = { id: number; file: string };
/** `thread`: the worker's own `threadId`, reported by the worker itself. */
type FromWorker = { type: 'ready' } | { type: 'result'; id: number; result: FileResult; thread: number };

export interface LintRun {
  results: FileResult[];
  /** For each file, the `threadId` of the thread that linted it (0: the main thread). */
  threads: number[];
}

/**
 * `--jobs` when not given: one linting thread per two cores, at most 4. A linting thread keeps more
 * than one core busy: V8 compiles the hot code on another thread beside it (a serial lint of the
 * corpus uses about 1.6 cores). On two cores two linting threads are slower than one, so there the
 * default is in-process.
 */
export function defaultJobs(): number {
  return Math.max(1, Math.min(Math.floor(os.availableParallelism() / 2), 4));
}

/** How many worker threads lint `fileCount` files with `jobs` allowed; 0 means in-process. */
export function plannedWorkers(fileCount: number, jobs: number): number {
  if (jobs < 2 || fileCount < MIN_FILES_FOR_WORKERS || !canStartWorkers()) return 0;
  return Math.max(2, Math.min(jobs, Math.floor(fileCount / MIN_FILES_PER_WORKER)));
}

/** Only a JavaScript file can be a worker's entry; under a TypeScript loader this module is a `.ts` file. */
function canStartWorkers(): boolean {
  return typeof __filename === 'string' && __filename.endsWith('.js');
}

/** Lints `files` (without writing them: fixing stays in-process) on up to `jobs` threads. Never rejects. */
export async function lintFiles(files: string[], given: LintOptions, jobs: number): Promise<LintRun> {
  // one run, one view of the configuration files (each worker fills its own copy)
  const options: LintOptions = { ...given, configs: new Map() };
  const workers = options.fix ? 0 : plannedWorkers(files.length, jobs);
  if (!workers) return lintInProcess(files, options);
  return new Pool(files, options, workers).run();
}

function lintInProcess(files: string[], options: LintOptions): LintRun {
  return { results: files.map((f) => lintFileSafe(f, options)), threads: files.map(() => threadId) };
}

interface Slot {
  worker: Worker;
  /** Kept here: `worker.threadId` reads -1 once the worker has stopped. */
  threadId: number;
  /** Indexes of the files sent and not yet answered, in the order sent (the worker answers in that order). */
  inFlight: number[];
  ready: boolean;
  error?: Error;
}

class Pool {
  private readonly results: (FileResult | undefined)[];
  private readonly threads: number[];
  /** Indexes still to send: files handed back by a worker that died come first. */
  private readonly queue: number[] = [];
  private next = 0;
  private done = 0;
  private readonly slots = new Set<Slot>();
  private finished = false;
  private resolve!: (run: LintRun) => void;

  constructor(private readonly files: string[], private readonly options: LintOptions, private readonly size: number) {
    this.results = new Array(files.length);
    this.threads = new Array(files.length).fill(0);
  }

  run(): Promise<LintRun> {
    return new Promise((resolve) => {
      this.resolve = resolve;
      for (let i = 0; i < this.size; i++) this.spawn();
    });
  }

  private spawn(): void {
    if (this.finished) return;
    let worker: Worker;
    try {
      const init: WorkerInit = { [MARKER]: true, options: this.options };
      worker = new Worker(__filename, { workerData: init });
    } catch {
      this.startFailed();
      return;
    }
    const slot: Slot = { worker, threadId: worker.threadId, inFlight: [], ready: false };
    this.slots.add(slot);
    worker.on('message', (m: FromWorker) => this.onMessage(slot, m));
    worker.on('error', (e) => {
      slot.error = e;
    });
    worker.on('exit', (code) => this.onExit(slot, code));
    this.feed(slot);
  }

  private takeNext(): number | undefined {
    if (this.queue.length) return this.queue.shift();
    return this.next < this.files.length ? this.next++ : undefined;
  }

  private feed(slot: Slot): void {
    while (slot.inFlight.length < IN_FLIGHT) {
      const id = this.takeNext();
      if (id === undefined) return;
      slot.inFlight.push(id);
      slot.worker.postMessage({ id, file: this.files[id] } satisfies ToWorker);
    }
  }

  private onMessage(slot: Slot, m: FromWorker): void {
    if (m.type === 'ready') {
      slot.ready = true;
      return;
    }
    const at = slot.inFlight.indexOf(m.id);
    if (at < 0 || this.results[m.id]) return;
    slot.inFlight.splice(at, 1);
    this.settle(m.id, m.result, m.thread);
    this.feed(slot);
  }

  private settle(id: number, result: FileResult, thread: number): void {
    this.results[id] = result;
    this.threads[id] = thread;
    if (++this.done === this.files.length) void this.finish();
  }

  private onExit(slot: Slot, code: number): void {
    this.slots.delete(slot);
    if (this.finished) return;
    const lost = slot.inFlight;
    if (!slot.ready) {
      // The worker could not start: its files go back to the queue, and the others (or this thread) take them.
      this.queue.unshift(...lost);
      this.startFailed();
      return;
    }
    // A worker answers in order, so the first file not answered is the one it died on.
    const [culprit, ...rest] = lost;
    this.queue.unshift(...rest);
    const reason = slot.error ? String(slot.error.message ?? slot.error).split('\n')[0] : `exit code ${code}`;
    if (culprit === undefined) {
      this.startFailed();
      return;
    }
    this.settle(culprit, internalErrorResult(this.files[culprit], `internal error: the worker linting this file stopped (${reason})`), slot.threadId);
    if (!this.finished && (this.queue.length || this.next < this.files.length)) this.spawn();
  }

  /** No worker could be started: the live ones carry on; with none left, this thread lints what remains. */
  private startFailed(): void {
    if (this.slots.size) {
      for (const s of this.slots) this.feed(s);
      return;
    }
    for (let id = this.takeNext(); id !== undefined; id = this.takeNext()) this.settle(id, lintFileSafe(this.files[id], this.options), threadId);
  }

  private async finish(): Promise<void> {
    this.finished = true;
    await Promise.all([...this.slots].map((s) => s.worker.terminate()));
    this.resolve({ results: this.results as FileResult[], threads: this.threads });
  }
}

/** The worker's side: lint each file sent, answer with its result. */
function serveAsWorker(options: LintOptions): void {
  const port = parentPort!;
  port.on('message', (m: ToWorker) => {
    if (injectedFault(m.file, 'crash')) throw new Error(`injected crash on ${m.file}`);
    const result = lintFileSafe(m.file, options);
    try {
      port.postMessage({ type: 'result', id: m.id, result, thread: threadId } satisfies FromWorker);
    } catch (e) {
      // Not plain data after all: say so for this file rather than lose the worker.
      port.postMessage({ type: 'result', id: m.id, result: internalErrorResult(m.file, `internal error: result could not be passed between threads (${(e as Error).message})`), thread: threadId } satisfies FromWorker);
    }
  });
  port.postMessage({ type: 'ready' } satisfies FromWorker);
}

if (!isMainThread && parentPort && (workerData as Partial<WorkerInit> | null)?.[MARKER]) serveAsWorker((workerData as WorkerInit).options);
