import dockerignore from '@balena/dockerignore';

/**
 * Facts about the build context, given by the caller (the core never reads the
 * file system). Absent facts mean "unknown": rules that need them stay silent.
 */
export interface BuildContextFacts {
  /**
   * POSIX paths relative to the context root of the files and folders that matter
   * (folders end with `/`), as far as the caller looked.
   */
  files?: string[];
  /** Text of `.dockerignore`: null when the file does not exist. */
  dockerignore?: string | null;
}

/** Read-only queries over build-context facts. */
export class ContextView {
  readonly known: boolean;
  private readonly files: Set<string>;
  private readonly matcher?: ReturnType<typeof dockerignore>;
  /** Views live as long as their facts (the callers cache both), so answers are kept: a keystroke re-asks the same questions. */
  private readonly ignoredAnswers = new Map<string, boolean>();
  private readonly selections = new WeakMap<(path: string) => boolean, readonly string[]>();
  constructor(readonly facts: BuildContextFacts = {}) {
    this.known = Array.isArray(facts.files);
    this.files = new Set((facts.files ?? []).map(normalize));
    if (typeof facts.dockerignore === 'string') {
      try {
        this.matcher = dockerignore().add(facts.dockerignore.split(/\r?\n/));
      } catch {
        this.matcher = undefined;
      }
    }
  }
  /** Whether `.dockerignore` is known to exist (true), known absent (false) or unknown (undefined). */
  get hasDockerignore(): boolean | undefined {
    if (this.facts.dockerignore === undefined) return undefined;
    return this.facts.dockerignore !== null;
  }
  /** Whether the path (file, or folder with or without trailing `/`) is known to exist in the context. */
  has(path: string): boolean {
    const p = normalize(path);
    return this.files.has(p) || this.files.has(p + '/');
  }
  /** All known paths. */
  list(): string[] {
    return [...this.files];
  }
  /**
   * The known paths the predicate accepts, computed once per view and predicate (the predicate
   * must be a pure function of the path, defined once, e.g. at module level).
   */
  select(predicate: (path: string) => boolean): readonly string[] {
    let kept = this.selections.get(predicate);
    if (!kept) {
      kept = [...this.files].filter(predicate);
      this.selections.set(predicate, kept);
    }
    return kept;
  }
  /** Whether `.dockerignore` excludes the path from the context sent to the builder. */
  ignored(path: string): boolean {
    if (!this.matcher) return false;
    let answer = this.ignoredAnswers.get(path);
    if (answer === undefined) {
      answer = this.matches(path);
      // paths typed one character at a time are asked once each: keep the table bounded
      if (this.ignoredAnswers.size >= 10_000) this.ignoredAnswers.clear();
      this.ignoredAnswers.set(path, answer);
    }
    return answer;
  }
  private matches(path: string): boolean {
    const p = normalize(path).replace(/\/$/, '');
    if (!p) return false;
    try {
      return this.matcher!.ignores(p);
    } catch {
      return false;
    }
  }
}

function normalize(p: string): string {
  let s = p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
  s = s.replace(/\/{2,}/g, '/');
  return s;
}
