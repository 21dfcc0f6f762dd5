import type { Rule } from '../rule';
import copyAllBeforeInstall from './copy-all-before-install';
import aptUpdateAlone from './apt-update-alone';
import npmInstallInBuild from './npm-install-in-build';
import installWithoutCacheMount from './install-without-cache-mount';
import lockfileNotCopied from './lockfile-not-copied';
import volatileArgEarly from './volatile-arg-early';
import cleanupInLaterLayer from './cleanup-in-later-layer';
import contextNotIgnored from './context-not-ignored';
import chownAfterCopy from './chown-after-copy';

const rules: Rule[] = [copyAllBeforeInstall, aptUpdateAlone, npmInstallInBuild, installWithoutCacheMount, lockfileNotCopied, volatileArgEarly, cleanupInLaterLayer, contextNotIgnored, chownAfterCopy];
export default rules;
