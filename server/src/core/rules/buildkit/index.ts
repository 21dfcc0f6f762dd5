import type { Rule } from '../rule';
import DuplicateStageName from './DuplicateStageName';
import StageNameCasing from './StageNameCasing';
import ReservedStageName from './ReservedStageName';

const rules: Rule[] = [DuplicateStageName, StageNameCasing, ReservedStageName];
export default rules;
