import { validatorRule, ValidationCode } from '../../support/validator';
import { suggest } from '../../support/buildkit';

const INSTRUCTIONS = ['ADD', 'ARG', 'CMD', 'COPY', 'ENTRYPOINT', 'ENV', 'EXPOSE', 'FROM', 'HEALTHCHECK', 'LABEL', 'MAINTAINER', 'ONBUILD', 'RUN', 'SHELL', 'STOPSIGNAL', 'USER', 'VOLUME', 'WORKDIR'];

export default validatorRule({
  id: 'syntax/unknown-instruction',
  description: 'An instruction Docker does not know: the build fails.',
  codes: [ValidationCode.UNKNOWN_INSTRUCTION],
  detail(p, model) {
    const name = model.lines.getText(p.range);
    const s = suggest(name, INSTRUCTIONS, false);
    const shown = s === undefined ? undefined : name === name.toLowerCase() ? s.toLowerCase() : s;
    return `unknown instruction: ${name}${shown ? ` (did you mean ${shown}?)` : ''}`;
  },
});
