import type { Rule } from '../rule';
import unpinnedBaseImage from './unpinned-base-image';
import secretFileCopied from './secret-file-copied';

const rules: Rule[] = [unpinnedBaseImage, secretFileCopied];
export default rules;
