/**
 * Which stage a misspelt stage reference most likely means. `stage/unknown-from` reports the
 * reference with this suggestion, and `stage/unreachable` counts the suggested stage as referenced,
 * so that a typo (`COPY --from=biuld`) is one finding, not also "stage 'build' is unreachable"
 * with an offer to delete it.
 */
import { editDistance } from '../text';
import type { StageModel, StageRef } from '../model/stages';

/** Official images whose names must never be read as a misspelt stage. */
const WELL_KNOWN_IMAGES = new Set([
  'alpine', 'busybox', 'debian', 'ubuntu', 'fedora', 'centos', 'node', 'python', 'golang', 'rust', 'ruby', 'php',
  'nginx', 'httpd', 'redis', 'mongo', 'mysql', 'postgres', 'openjdk', 'maven', 'gradle', 'scratch', 'docker',
  'gcc', 'perl', 'swift', 'julia', 'erlang', 'elixir', 'haskell', 'tomcat', 'caddy', 'traefik', 'bash', 'amazonlinux',
]);

const PLAIN_WORD = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/**
 * The index of the stage a reference that resolves to an image probably means (within edit
 * distance 1 for names of up to 4 characters, 2 otherwise; earlier stages win ties), or undefined.
 */
export function suggestedStage(model: StageModel, ref: StageRef): number | undefined {
  if (ref.resolution !== 'image' || !PLAIN_WORD.test(ref.value)) return undefined;
  const value = ref.value.toLowerCase();
  if (WELL_KNOWN_IMAGES.has(value)) return undefined;
  const max = value.length <= 4 ? 1 : 2;
  let best: number | undefined;
  let bestDistance = max + 1;
  model.stages.forEach((s, i) => {
    if (!s.key || i === ref.user) return;
    const d = editDistance(value, s.key, max);
    // Prefer earlier stages on ties: they are the ones a reference can use.
    if (d < bestDistance || (d === bestDistance && best !== undefined && best > ref.user && i < ref.user)) {
      best = i;
      bestDistance = d;
    }
  });
  return bestDistance <= max ? best : undefined;
}
