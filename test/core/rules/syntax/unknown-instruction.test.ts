import rule from '../../../../server/src/core/rules/syntax/unknown-instruction';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nRUN echo hi\n',
    'from alpine\nrun echo hi\n',
  ],
  invalid: [
    { code: 'FROM alpine\nBADCMD x\n', errors: [{ line: 2, message: "unknown instruction: BADCMD" }] },
    { code: 'FROM alpine\nrn x\n', errors: [{ line: 2, message: "unknown instruction: rn (did you mean run?)" }] },
    { code: 'FROM alpine\nCOPPY a b\n', errors: [{ line: 2, message: "unknown instruction: COPPY (did you mean COPY?)" }] }
  ],
});
