import rule from '../../../../server/src/core/rules/buildkit/SecretsUsedInArgOrEnv';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nARG PUBLIC_KEY\nARG SECRET_PASSPHRASE_FILE\nENV password_file=x\nARG AUTH_MODULE_VERSION\nENV sunflower=1 monkey=2\n',
    { name: 'global ARGs are not checked by BuildKit', code: 'ARG GITHUB_TOKEN\nFROM alpine\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nARG AWS_SECRET_ACCESS_KEY\nENV password=bar secret=baz\n',
      errors: [
        { line: 2, column: 5, message: 'Do not use ARG or ENV instructions for sensitive data (ARG "AWS_SECRET_ACCESS_KEY")' },
        { line: 3, message: 'Do not use ARG or ENV instructions for sensitive data (ENV "password")' },
        { line: 3, message: 'Do not use ARG or ENV instructions for sensitive data (ENV "secret")' },
      ],
    },
    { code: 'FROM alpine\nENV apikey=bar\nENV GITHUB_TOKEN=\n', errors: [{ line: 2 }, { line: 3 }] },
  ],
});
