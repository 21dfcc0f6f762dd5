import rule from '../../../../server/src/core/rules/buildkit/MultipleInstructionsDisallowed';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM python:alpine\nHEALTHCHECK --interval=1s CMD ["curl", "-f", "http://localhost:8080"]\nCMD ["python", "-m", "http.server"]\n',
    { name: 'one per stage', code: 'FROM scratch AS a\nCMD ["/a"]\n\nFROM a AS b\nCMD ["/b"]\n' },
  ],
  invalid: [
    {
      code: 'FROM alpine\nENTRYPOINT ["echo", "Hello, Norway!"]\nENTRYPOINT ["echo", "Hello, Sweden!"]\n',
      errors: [{ line: 2, column: 1, message: 'Multiple ENTRYPOINT instructions should not be used in the same stage because only the last one will be used' }],
    },
    {
      code: 'FROM scratch\nCMD ["/a"]\nCMD ["/b"]\nCMD ["/c"]\nHEALTHCHECK CMD ["/a"]\nHEALTHCHECK NONE\n',
      errors: [
        { line: 2, message: 'Multiple CMD instructions should not be used in the same stage because only the last one will be used' },
        { line: 3 },
        { line: 5, message: 'Multiple HEALTHCHECK instructions should not be used in the same stage because only the last one will be used' },
      ],
    },
  ],
});
