import rule from '../../../../server/src/core/rules/buildkit/NoEmptyContinuation';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nEXPOSE \\\n# Port\n80\n',
    'FROM alpine\nRUN a \\\n  b\n\nRUN c\n',
    { name: 'empty lines in a heredoc are content', code: 'FROM alpine\nRUN <<EOF\necho a\n\necho b\nEOF\n' },
    { name: 'backtick escape', code: '# escape=`\nFROM alpine\nRUN a `\n  b\n' },
    { name: 'an escaped escape character does not continue the line', code: 'FROM alpine\nCOPY a \\\n  C:\\\\dir\\\\\n\nRUN x\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE \\\n\n80\n',
      errors: [{ line: 4, message: 'Empty continuation line', fixes: [{ title: 'Remove the empty continuation line', safe: true }] }],
      output: 'FROM alpine\nEXPOSE \\\n80\n',
    },
    {
      code: 'FROM alpine\nRUN apk add \\\n  curl \\\n   \n\n  git\n',
      errors: [{ line: 6 }],
      output: 'FROM alpine\nRUN apk add \\\n  curl \\\n  git\n',
    },
    { name: 'backtick escape', code: '# escape=`\nFROM alpine\nRUN a `\n\n  b\n', errors: [{ line: 5 }], output: '# escape=`\nFROM alpine\nRUN a `\n  b\n' },
  ],
});
