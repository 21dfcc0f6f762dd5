import rule from '../../../../server/src/core/rules/syntax/invalid-flag';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM alpine\nCOPY --link --chmod=644 a /b\n',
    { name: 'flags of newer frontends', code: 'FROM alpine\nADD --unpack=true --checksum=sha256:0 a.tar /b/\nCOPY --parents --exclude=*.md src/ /app/\n' },
  ],
  invalid: [
    { code: 'FROM alpine\nCOPY --foo=x a b\n', errors: [{ line: 2, message: "unknown flag: foo" }] },
    { code: 'FROM alpine\nCOPY --link=maybe a b\n', errors: [{ line: 2, message: "expecting boolean value for flag link, not: maybe" }] },
    { code: 'FROM alpine\nADD --from=x a b\n', errors: [{ line: 2, message: "unknown flag: from" }] }
  ],
});
