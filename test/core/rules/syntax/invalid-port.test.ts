import rule from '../../../../server/src/core/rules/syntax/invalid-port';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nEXPOSE 80 443/tcp 53/udp 8000-8010\n',
    'FROM alpine\nEXPOSE 127.0.0.1:80:80\n',
  ],
  invalid: [
    { code: 'FROM alpine\nEXPOSE 80/xyz\n', errors: [{ line: 2, message: "invalid proto: xyz" }] },
    { code: 'FROM alpine\nEXPOSE abc\n', errors: [{ line: 2, message: "invalid containerPort: abc" }] }
  ],
});
