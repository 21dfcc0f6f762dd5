import rule from '../../../../server/src/core/rules/buildkit/MaintainerDeprecated';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n', { name: 'skipped by a check comment', code: 'FROM scratch\n# check=skip=MaintainerDeprecated\nMAINTAINER me@example.org\n' }],
  invalid: [
    {
      code: 'FROM scratch\nMAINTAINER me@example.org\n',
      errors: [{ line: 2, column: 1, message: 'Maintainer instruction is deprecated in favor of using label', fixes: [{ title: 'Replace with `LABEL org.opencontainers.image.authors`', safe: true }] }],
      output: 'FROM scratch\nLABEL org.opencontainers.image.authors="me@example.org"\n',
    },
    {
      name: 'quotes and dollars are escaped',
      code: 'FROM scratch\nMAINTAINER Jane "J" Doe <$USER@example.org>\n',
      errors: [{ line: 2 }],
      output: 'FROM scratch\nLABEL org.opencontainers.image.authors="Jane \\"J\\" Doe <\\$USER@example.org>"\n',
    },
  ],
});
