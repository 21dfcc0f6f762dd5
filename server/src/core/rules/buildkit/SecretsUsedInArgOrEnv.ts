import { Arg, Env } from 'dockerfile-ast';
import { defineRule } from '../rule';
import { isDispatched, rangeOf } from '../../support/buildkit';

const DENY = /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const ALLOW = /(?:_|^)(?:public|file|version)(?:_|$)/i;

export default defineRule({
  id: 'buildkit/SecretsUsedInArgOrEnv',
  buildkit: 'SecretsUsedInArgOrEnv',
  severity: 'warning',
  description: 'Sensitive data should not be used in the ARG or ENV commands.',
  messages: { secret: 'Do not use ARG or ENV instructions for sensitive data ({instruction} "{name}")' },
  readsInstructions: ['ARG', 'ENV'],
  checkStage({ model, report }, stage) {
    if (!isDispatched(model, stage)) return;
    for (const instr of stage.instructions) {
      if (!(instr instanceof Arg) && !(instr instanceof Env)) continue;
      for (const p of instr.getProperties()) {
        const name = p.getName();
        if (!DENY.test(name) || ALLOW.test(name)) continue;
        report({ message: 'secret', data: { instruction: instr instanceof Arg ? 'ARG' : 'ENV', name }, range: rangeOf(p.getNameRange()) });
      }
    }
  },
});
