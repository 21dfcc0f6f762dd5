import rule from '../../../../server/src/core/rules/buildkit/ExposeProtoCasing';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine\nEXPOSE 80/tcp 53/udp 8080\n'],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE 80/TcP 8080/udp\n',
      errors: [{ line: 2, column: 8, message: "Defined protocol '80/TcP' in EXPOSE instruction should be lowercase", fixes: [{ title: "Write '80/tcp'", safe: true }] }],
      output: 'FROM alpine\nEXPOSE 80/tcp 8080/udp\n',
    },
  ],
});
