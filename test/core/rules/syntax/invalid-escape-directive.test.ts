import rule from '../../../../server/src/core/rules/syntax/invalid-escape-directive';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    '# escape=`\nFROM alpine\n',
    '# escape=\\\nFROM alpine\n',
  ],
  invalid: [
    { code: '# escape=x\nFROM alpine\n', errors: [{ line: 1, message: "invalid escape token 'x' does not match ` or \\" }] },
    { code: '# escape=`\n# escape=`\nFROM alpine\n', errors: [{ line: 2, message: "only one escape parser directive can be used" }] }
  ],
});
