/**
 * Plain data the core returns. Positions are 0-based (LSP convention); only the
 * front ends convert them to protocol objects or to 1-based text.
 */
export interface Position {
  line: number;
  character: number;
}
export interface Range {
  start: Position;
  end: Position;
}
export type Severity = 'error' | 'warning' | 'info' | 'hint';
export type SeveritySetting = Severity | 'off';

export interface TextEdit {
  range: Range;
  newText: string;
}

/** An edit to a file other than the Dockerfile (e.g. creating `.dockerignore`). Paths are relative to the build context. */
export interface FileEdit {
  path: string;
  /** `create` writes the whole file (only when it does not exist); `append` adds text at its end. */
  kind: 'create' | 'append';
  text: string;
}

export interface Fix {
  /** Imperative title: "Rename to `builder`". */
  title: string;
  /** Safe fixes keep the build's result; they are applied by fix-all and `stagecraft fix`. */
  safe: boolean;
  edits: TextEdit[];
  fileEdits?: FileEdit[];
}

export type FindingTag = 'unnecessary' | 'deprecated';

export interface Finding {
  rule: string;
  severity: Severity;
  message: string;
  range: Range;
  fixes: Fix[];
  tags?: FindingTag[];
}
