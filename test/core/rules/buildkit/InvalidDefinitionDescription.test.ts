import rule from '../../../../server/src/core/rules/buildkit/InvalidDefinitionDescription';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    '# base is a stage for compiling source\nFROM scratch AS base\n# VERSION This is the version number.\nARG VERSION=1\n',
    { name: 'an empty comment line ends the block', code: '# a note\n#\nARG bit=bat\nFROM scratch\n' },
    { name: 'off unless enabled', code: '# a non-descriptive comment\nFROM scratch AS base\n', config: { rules: { 'buildkit/InvalidDefinitionDescription': 'off' } } },
    { name: 'unnamed stages are not described', code: '# just a note\nFROM scratch\n' },
  ],
  invalid: [
    {
      code: '# a non-descriptive comment\nFROM scratch AS base\n\n# another non-descriptive comment\nARG VERSION=1\n',
      errors: [
        { line: 2, message: 'Comment for FROM should follow the format: `# base <description>`' },
        { line: 5, message: 'Comment for ARG should follow the format: `# VERSION <description>`' },
      ],
    },
    { code: 'FROM scratch\n# definitely a bad comment\nARG foo=baz bar=qux\n', errors: [{ line: 3, message: 'Comment for ARG should follow the format: `# <arg_key> <description>`' }] },
  ],
});
