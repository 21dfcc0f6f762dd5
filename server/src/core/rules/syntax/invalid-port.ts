import { goStyle, validatorRule, ValidationCode } from '../../support/validator';

export default validatorRule({
  id: 'syntax/invalid-port',
  description: 'An EXPOSE port that is not a number or range, or a protocol other than tcp, udp or sctp: the build fails.',
  codes: [ValidationCode.INVALID_PORT, ValidationCode.INVALID_PROTO],
  // `ip:host:container` forms are accepted by the builder: buildkit/ExposeInvalidFormat reports them.
  detail: (p, model) => (model.lines.getText(p.range).includes(':') ? undefined : goStyle(p.message)),
});
