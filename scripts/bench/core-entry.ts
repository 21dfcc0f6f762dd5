// Entry point of the core-only bundle used by the benchmark and the fuzzer (built by scripts/bench/build-core.mjs).
export { analyze } from '../../server/src/core/analyze';
export { parse } from '../../server/src/core/parse';
export { fixAll, dedupeEdits, preferredFix } from '../../server/src/core/fixes/fix-all';
export { applyEdits, LineIndex } from '../../server/src/core/text';
export { rules } from '../../server/src/core/rules/registry';
export { buildModel } from '../../server/src/core/model/stages';
export { ContextView } from '../../server/src/core/context';
export { readCheckDirective } from '../../server/src/core/check-directive';
export { effectiveSeverity } from '../../server/src/core/analyze';
export { rebuildSummaries } from '../../server/src/core/features/rebuild-lens';
