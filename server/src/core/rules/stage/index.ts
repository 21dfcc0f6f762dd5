import type { Rule } from '../rule';
import unknownFrom from './unknown-from';
import forwardReference from './forward-reference';
import selfReference from './self-reference';
import numericReference from './numeric-reference';
import unreachable from './unreachable';

const rules: Rule[] = [unknownFrom, forwardReference, selfReference, numericReference, unreachable];
export default rules;
