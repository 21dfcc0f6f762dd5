import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-destination',
  description: 'COPY or ADD of several sources to a destination that is not a directory (no trailing `/`): the build fails.',
  codes: [ValidationCode.INVALID_DESTINATION],
  // The builder treats `.`, `..` and paths ending in a separator as directories.
  detail: (p, model) => (/^\.\.?$|[\\/]\.?$/.test(model.lines.getText(p.range).trim()) ? undefined : p.message),
});
