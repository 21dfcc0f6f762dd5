import type { Rule } from '../rule';
import { honourInstructionChecks } from '../../support/buildkit';
import DuplicateStageName from './DuplicateStageName';
import StageNameCasing from './StageNameCasing';
import ReservedStageName from './ReservedStageName';
import FromAsCasing from './FromAsCasing';
import ConsistentInstructionCasing from './ConsistentInstructionCasing';
import NoEmptyContinuation from './NoEmptyContinuation';
import JSONArgsRecommended from './JSONArgsRecommended';
import MaintainerDeprecated from './MaintainerDeprecated';
import UndefinedArgInFrom from './UndefinedArgInFrom';
import WorkdirRelativePath from './WorkdirRelativePath';
import UndefinedVar from './UndefinedVar';
import MultipleInstructionsDisallowed from './MultipleInstructionsDisallowed';
import LegacyKeyValueFormat from './LegacyKeyValueFormat';
import InvalidBaseImagePlatform from './InvalidBaseImagePlatform';
import RedundantTargetPlatform from './RedundantTargetPlatform';
import SecretsUsedInArgOrEnv from './SecretsUsedInArgOrEnv';
import InvalidDefaultArgInFrom from './InvalidDefaultArgInFrom';
import FromPlatformFlagConstDisallowed from './FromPlatformFlagConstDisallowed';
import CopyIgnoredFile from './CopyIgnoredFile';
import InvalidDefinitionDescription from './InvalidDefinitionDescription';
import ExposeProtoCasing from './ExposeProtoCasing';
import ExposeInvalidFormat from './ExposeInvalidFormat';

/** BuildKit's 22 checks. Each honours `# check=skip=…` comments on the instruction it reports. */
const rules: Rule[] = ([
  DuplicateStageName,
  StageNameCasing,
  ReservedStageName,
  FromAsCasing,
  ConsistentInstructionCasing,
  NoEmptyContinuation,
  JSONArgsRecommended,
  MaintainerDeprecated,
  UndefinedArgInFrom,
  WorkdirRelativePath,
  UndefinedVar,
  MultipleInstructionsDisallowed,
  LegacyKeyValueFormat,
  InvalidBaseImagePlatform,
  RedundantTargetPlatform,
  SecretsUsedInArgOrEnv,
  InvalidDefaultArgInFrom,
  FromPlatformFlagConstDisallowed,
  CopyIgnoredFile,
  InvalidDefinitionDescription,
  ExposeProtoCasing,
  ExposeInvalidFormat,
] as Rule[]).map((r) => honourInstructionChecks(r));
export default rules;
