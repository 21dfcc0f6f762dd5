import { Connection, LogTraceNotification, SetTraceNotification, Trace } from 'vscode-languageserver';

/**
 * The timing trace of the diagnostics pipeline: for each change, how long each step took from the
 * moment the change was applied to the document until its diagnostics were handed to the
 * connection. Off by default; on with `STAGECRAFT_TRACE=timing` in the server's environment or
 * when the client sets the LSP trace to `verbose` (`$/setTrace`). Each record is sent as a
 * `$/logTrace` notification whose message is `stagecraft/timing` and whose `verbose` field is
 * the JSON of a `TimingRecord` (VS Code shows it in the output channel with
 * `"stagecraft.trace.server": "verbose"`; `npm run bench` collects it).
 */
export const TIMING_MESSAGE = 'stagecraft/timing';

/** The steps, in order. `queued`: waiting for the event loop after the change arrived. */
export const STEPS = ['queued', 'settings', 'context', 'parse', 'model', 'validator', 'rules', 'suppress', 'convert', 'publish'] as const;
export type Step = (typeof STEPS)[number];

export interface TimingRecord {
  uri: string;
  version: number;
  /** Milliseconds per step (a step that did not run is absent). */
  steps: Partial<Record<Step, number>>;
  total: number;
  /** CPU time of the server process over the same span (user + system, ms): on a loaded machine the steady figure. */
  cpu: number;
  /** Top-level items of the text reused from the previous version's parse, and parsed again. */
  reused?: number;
  reparsed?: number;
  /** Whether the analysis was already computed for this version (by a request). */
  cached?: boolean;
}

export class Timing {
  private readonly fromEnvironment = /\btiming\b/.test(process.env.STAGECRAFT_TRACE ?? '');
  private verbose = false;

  constructor(private readonly connection: Connection) {
    // the library's own handler of $/setTrace is replaced: keep its tracer informed as well
    connection.onNotification(SetTraceNotification.type, (p) => {
      this.verbose = p.value === 'verbose';
      const tracer = connection.tracer as unknown as { trace?: Trace };
      tracer.trace = Trace.fromString(p.value);
    });
  }

  /** Whether records are wanted now (checked per change: the client may turn the trace on at any time). */
  get enabled(): boolean {
    return this.fromEnvironment || this.verbose;
  }

  /** A span for one change, started when the change was applied (`start` from `performance.now()`). */
  span(uri: string, version: number, start: number): Span {
    return new Span(this, uri, version, start);
  }

  send(record: TimingRecord): void {
    void this.connection.sendNotification(LogTraceNotification.type, { message: TIMING_MESSAGE, verbose: JSON.stringify(record) }).catch(() => undefined);
  }
}

export class Span {
  private last: number;
  private readonly cpuStart = process.cpuUsage();
  private readonly steps: Partial<Record<Step, number>> = {};
  extra: Pick<TimingRecord, 'reused' | 'reparsed' | 'cached'> = {};

  constructor(private readonly timing: Timing, private readonly uri: string, private readonly version: number, private readonly start: number) {
    this.last = start;
  }

  /** Ends a step: the time since the previous mark is its time. */
  mark(step: Step): void {
    const now = performance.now();
    this.steps[step] = (this.steps[step] ?? 0) + (now - this.last);
    this.last = now;
  }

  end(): void {
    const cpu = process.cpuUsage(this.cpuStart);
    this.timing.send({ uri: this.uri, version: this.version, steps: this.steps, total: this.last - this.start, cpu: (cpu.user + cpu.system) / 1000, ...this.extra });
  }
}
