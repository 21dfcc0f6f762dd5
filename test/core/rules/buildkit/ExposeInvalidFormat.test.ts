import rule from '../../../../server/src/core/rules/buildkit/ExposeInvalidFormat';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: ['FROM alpine\nEXPOSE 80 8000-8010/udp\n'],
  invalid: [
    {
      code: 'FROM alpine\nEXPOSE 127.0.0.1:80:80\n',
      errors: [{ line: 2, column: 8, message: "EXPOSE instruction should not define an IP address or host-port mapping, found '127.0.0.1:80:80'", fixes: [{ title: "Expose only the container port '80'", safe: true }] }],
      output: 'FROM alpine\nEXPOSE 80\n',
    },
    { code: 'FROM alpine\nEXPOSE 80:80 [::1]:8080:8080/udp\n', errors: [{ line: 2 }, { line: 2 }], output: 'FROM alpine\nEXPOSE 80 8080/udp\n' },
  ],
});
