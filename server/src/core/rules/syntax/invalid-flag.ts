import { goStyle, validatorRule, ValidationCode } from '../../support/validator';

const NEWER_FLAGS: Record<string, string[]> = {
  ADD: ['chown', 'chmod', 'link', 'keep-git-dir', 'checksum', 'exclude', 'unpack'],
  COPY: ['from', 'chown', 'chmod', 'link', 'parents', 'exclude'],
  FROM: ['platform'],
  HEALTHCHECK: ['interval', 'timeout', 'start-period', 'start-interval', 'retries'],
};

export default validatorRule({
  id: 'syntax/invalid-flag',
  description: 'A flag the instruction does not take, given twice, without its value, or with a value of the wrong type: the build fails.',
  codes: [
    ValidationCode.UNKNOWN_ADD_FLAG, ValidationCode.UNKNOWN_COPY_FLAG, ValidationCode.UNKNOWN_FROM_FLAG, ValidationCode.UNKNOWN_HEALTHCHECK_FLAG,
    ValidationCode.FLAG_DUPLICATE, ValidationCode.FLAG_MISSING_VALUE, ValidationCode.FLAG_EXPECTED_BOOLEAN_VALUE,
    ValidationCode.FLAG_INVALID_FROM_VALUE, ValidationCode.FLAG_AT_LEAST_ONE, ValidationCode.INVALID_SYNTAX,
  ],
  detail: (p, model) => {
    // Flags newer Dockerfile frontends accept that the validator does not know yet.
    const m = /^Unknown flag: (.*)$/.exec(p.message);
    if (m && NEWER_FLAGS[model.dockerfile.getInstructions().find((i) => i.getRange().start.line <= p.range.start.line && p.range.start.line <= i.getRange().end.line)?.getKeyword() ?? '']?.includes(m[1].toLowerCase())) return undefined;
    return goStyle(p.message);
  },
});
