import type { Rule } from '../rule';

const rules: Rule[] = [];
export default rules;
