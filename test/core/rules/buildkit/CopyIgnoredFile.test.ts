import rule from '../../../../server/src/core/rules/buildkit/CopyIgnoredFile';
import { ruleTester } from '../../../helpers/rule-tester';

const ignore = (dockerignore: string) => ({ dockerignore });

ruleTester(rule, {
  valid: [
    { code: 'FROM scratch\nCOPY ./forever/helloworld.txt /helloworld.txt\n', context: ignore('tmp\n') },
    { name: 'no .dockerignore known', code: 'FROM scratch\nCOPY tmp/a /a\n' },
    { name: 'exclusions turn the check off', code: 'FROM scratch\nCOPY ./Dockerfile .\n', context: ignore('**\n!Dockerfile\n') },
    { name: 'copies from a stage are not from the context', code: 'FROM scratch AS base\nCOPY Dockerfile /foobar\nFROM base\nCOPY --from=base /foobar /Dockerfile\n', context: ignore('foobar\n') },
    { name: 'the context root with dotfiles ignored', code: 'FROM scratch\nCOPY . .\n', context: ignore('.*\n') },
  ],
  invalid: [
    {
      code: 'FROM scratch\nCOPY ./tmp/helloworld.txt /helloworld.txt\n',
      context: ignore('tmp\n'),
      errors: [{ line: 2, column: 6, message: 'Attempting to Copy file "tmp/helloworld.txt" that is excluded by .dockerignore' }],
    },
    {
      code: 'FROM scratch\nCOPY Dockerfile .\nADD Dockerfile /windy\n',
      context: ignore('\nDockerfile\n'),
      errors: [{ line: 2 }, { line: 3, message: 'Attempting to Add file "Dockerfile" that is excluded by .dockerignore' }],
    },
    { code: 'FROM scratch\nCOPY . .\n', context: ignore('*\n'), errors: [{ line: 2, message: 'Attempting to Copy file "." that is excluded by .dockerignore' }] },
  ],
});
