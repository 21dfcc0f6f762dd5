import rule from '../../../../server/src/core/rules/buildkit/LegacyKeyValueFormat';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine\nENV testkey=value\nLABEL key=value\n', 'FROM alpine\nENV a="b c" d=e\n', { name: 'ARG is not checked by BuildKit', code: 'FROM alpine\nARG foo\n' }],
  invalid: [
    {
      code: 'FROM scratch\nENV testkey value\nLABEL key value\n',
      errors: [
        { line: 2, column: 1, message: '"ENV key=value" should be used instead of legacy "ENV key value" format', fixes: [{ title: "Write 'testkey=<value>'", safe: true }] },
        { line: 3, message: '"LABEL key=value" should be used instead of legacy "LABEL key value" format' },
      ],
      output: 'FROM scratch\nENV testkey=value\nLABEL key=value\n',
    },
    { name: 'a value with spaces is quoted', code: 'FROM alpine\nENV MSG hello  world $USER\n', errors: [{ line: 2 }], output: 'FROM alpine\nENV MSG="hello  world $USER"\n' },
    {
      name: 'a continued value is quoted across lines',
      code: 'FROM alpine\nENV DEPS \\\n    curl \\\n    git\n',
      errors: [{ line: 2 }],
      output: 'FROM alpine\nENV DEPS="curl \\\n    git"\n',
    },
    { name: 'quotes and spaces: no safe rewrite', code: 'FROM alpine\nENV A b "c d"\n', errors: [{ line: 2, fixes: [] }], output: null },
    { name: 'lowercase instruction keeps its name', code: 'from alpine\nenv a b\n', errors: [{ line: 2, message: '"env key=value" should be used instead of legacy "env key value" format' }], output: 'from alpine\nenv a=b\n' },
  ],
});
