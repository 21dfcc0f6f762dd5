import type { SeveritySetting } from './types';

/** `.stagecraft.json` (or the `stagecraft` key of package.json), merged with editor settings / CLI flags. */
export interface StagecraftConfig {
  /** Severity per rule id: off | hint | info | warning | error. */
  rules?: Record<string, SeveritySetting>;
  /** Target stages (names or indexes). Empty: the last stage. */
  targets?: string[];
  /** Build arguments, as `docker build --build-arg` (also `BUILDKIT_DOCKERFILE_CHECK`). */
  buildArgs?: Record<string, string>;
}

const SEVERITIES: readonly string[] = ['off', 'hint', 'info', 'warning', 'error'];

export function isSeveritySetting(v: unknown): v is SeveritySetting {
  return typeof v === 'string' && SEVERITIES.includes(v);
}

/**
 * Validates raw JSON into a config. Returns the config and a list of problems
 * (unknown keys, bad severities); never throws.
 */
export function readConfig(raw: unknown): { config: StagecraftConfig; problems: string[] } {
  const problems: string[] = [];
  const config: StagecraftConfig = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    return { config, problems: ['configuration must be a JSON object'] };
  }
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!['rules', 'targets', 'buildArgs', '$schema'].includes(key)) problems.push(`unknown key "${key}"`);
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) problems.push('"rules" must be an object');
    else {
      config.rules = {};
      for (const [id, sev] of Object.entries(obj.rules as Record<string, unknown>)) {
        if (isSeveritySetting(sev)) config.rules[id] = sev;
        else problems.push(`rule "${id}": severity must be one of ${SEVERITIES.join(', ')}`);
      }
    }
  }
  if (obj.targets !== undefined) {
    if (Array.isArray(obj.targets) && obj.targets.every((t) => typeof t === 'string' || typeof t === 'number')) {
      config.targets = obj.targets.map(String);
    } else problems.push('"targets" must be an array of stage names');
  }
  if (obj.buildArgs !== undefined) {
    if (typeof obj.buildArgs === 'object' && obj.buildArgs !== null && !Array.isArray(obj.buildArgs)) {
      config.buildArgs = {};
      for (const [k, v] of Object.entries(obj.buildArgs as Record<string, unknown>)) config.buildArgs[k] = String(v);
    } else problems.push('"buildArgs" must be an object');
  }
  return { config, problems };
}

/** Later configs override earlier ones, key by key. */
export function mergeConfigs(...configs: (StagecraftConfig | undefined)[]): StagecraftConfig {
  const out: StagecraftConfig = {};
  for (const c of configs) {
    if (!c) continue;
    if (c.rules) out.rules = { ...(out.rules ?? {}), ...c.rules };
    if (c.targets && c.targets.length) out.targets = [...c.targets];
    if (c.buildArgs) out.buildArgs = { ...(out.buildArgs ?? {}), ...c.buildArgs };
  }
  return out;
}
