import rule from '../../../../server/src/core/rules/buildkit/InvalidBaseImagePlatform';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM --platform=linux/arm64 alpine\n',
    'FROM --platform=windows/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
    { name: 'a variable platform is unknown offline', code: 'FROM --platform=$BUILDPLATFORM mcr.microsoft.com/windows/servercore:ltsc2022\n' },
  ],
  invalid: [
    {
      code: 'FROM --platform=linux/amd64 mcr.microsoft.com/windows/nanoserver:ltsc2022\n',
      errors: [{ line: 1, column: 29, message: 'Base image mcr.microsoft.com/windows/nanoserver:ltsc2022 was pulled with platform "windows/amd64", expected "linux/amd64" for current build' }],
    },
  ],
});
