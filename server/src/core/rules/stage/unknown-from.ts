import { defineRule } from '../rule';
import { editDistance } from '../../text';
import type { StageRef } from '../../model/stages';

/** Official images whose names must never be read as a misspelt stage. */
const WELL_KNOWN_IMAGES = new Set([
  'alpine', 'busybox', 'debian', 'ubuntu', 'fedora', 'centos', 'node', 'python', 'golang', 'rust', 'ruby', 'php',
  'nginx', 'httpd', 'redis', 'mongo', 'mysql', 'postgres', 'openjdk', 'maven', 'gradle', 'scratch', 'docker',
  'gcc', 'perl', 'swift', 'julia', 'erlang', 'elixir', 'haskell', 'tomcat', 'caddy', 'traefik', 'bash', 'amazonlinux',
]);

const PLAIN_WORD = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

export default defineRule({
  id: 'stage/unknown-from',
  severity: 'error',
  description: 'A stage reference names no earlier stage, so Docker would try to pull an image of that name.',
  messages: {
    typo: "'{name}' names no earlier stage: Docker would pull an image called '{name}'. Did you mean '{suggestion}'?",
    later: "'{name}' is a stage defined later (line {line}): FROM can only use earlier stages, so Docker would pull an image called '{name}'.",
    badIndex: "'--from={name}' names no stage: this Dockerfile has stages 0 to {last}.",
  },
  check({ model, report }) {
    const nameOf = (i: number) => model.stages[i].name ?? String(i);
    for (const ref of model.refs) {
      if (ref.resolution === 'bad-index') {
        report({ message: 'badIndex', data: { name: ref.value, last: model.stages.length - 1 }, range: ref.range });
        continue;
      }
      if (ref.kind === 'from' && ref.resolution === 'forward' && ref.target !== undefined) {
        report({ message: 'later', data: { name: ref.value, line: model.stages[ref.target].fromRange.start.line + 1 }, range: ref.range });
        continue;
      }
      if (ref.resolution !== 'image' || !PLAIN_WORD.test(ref.value)) continue;
      const value = ref.value.toLowerCase();
      if (WELL_KNOWN_IMAGES.has(value)) continue;
      const suggestion = closestStage(model.stages.map((s) => s.key), value, ref);
      if (suggestion === undefined) continue;
      const name = nameOf(suggestion);
      const earlier = suggestion < ref.user;
      report({
        message: 'typo',
        data: { name: ref.value, suggestion: name },
        range: ref.range,
        fixes: earlier ? [{ title: `Rename to '${name}'`, safe: true, edits: [{ range: ref.range, newText: name }] }] : [],
      });
    }
  },
});

function closestStage(keys: (string | undefined)[], value: string, ref: StageRef): number | undefined {
  const max = value.length <= 4 ? 1 : 2;
  let best: number | undefined;
  let bestDistance = max + 1;
  keys.forEach((key, i) => {
    if (!key || i === ref.user) return;
    const d = editDistance(value, key, max);
    // Prefer earlier stages on ties: they are the ones a reference can use.
    if (d < bestDistance || (d === bestDistance && best !== undefined && best > ref.user && i < ref.user)) {
      best = i;
      bestDistance = d;
    }
  });
  return bestDistance <= max ? best : undefined;
}
