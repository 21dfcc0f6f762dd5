// Entry point of the fuzzer's bundle (dist/fuzz-core.js): the core, the inputs and the invariants.
export { makeInput, HUGE_INDEX } from './inputs';
export { checkInput, timeBound } from './check';
