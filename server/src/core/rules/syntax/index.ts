import type { Rule } from '../rule';
import unknownInstruction from './unknown-instruction';
import missingArguments from './missing-arguments';
import extraArguments from './extra-arguments';
import invalidFlag from './invalid-flag';
import invalidDuration from './invalid-duration';
import invalidEscapeDirective from './invalid-escape-directive';
import invalidJson from './invalid-json';
import invalidReference from './invalid-reference';
import invalidPort from './invalid-port';
import invalidStageName from './invalid-stage-name';
import invalidKeyValue from './invalid-key-value';
import invalidOnbuild from './invalid-onbuild';
import invalidHealthcheck from './invalid-healthcheck';
import invalidDestination from './invalid-destination';

const rules: Rule[] = [
  unknownInstruction,
  missingArguments,
  extraArguments,
  invalidFlag,
  invalidDuration,
  invalidEscapeDirective,
  invalidJson,
  invalidReference,
  invalidPort,
  invalidStageName,
  invalidKeyValue,
  invalidOnbuild,
  invalidHealthcheck,
  invalidDestination,
] as Rule[];
export default rules;
