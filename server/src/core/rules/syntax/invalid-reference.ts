import { validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-reference',
  description: 'A FROM image reference that is not valid (`alpine:`, a bad tag or digest): the build fails.',
  codes: [ValidationCode.INVALID_REFERENCE_FORMAT],
  // A reference made of variables is judged by buildkit/InvalidDefaultArgInFrom.
  detail: (p, model) => (model.lines.getText(p.range).includes('$') ? undefined : p.message),
});
