import { DockerfileParser, Dockerfile } from 'dockerfile-ast';

export type { Dockerfile };

/** Parses Dockerfile text. Never throws: on a parser failure returns null. */
export function parse(text: string): Dockerfile | null {
  try {
    return DockerfileParser.parse(text);
  } catch {
    return null;
  }
}
