import { defineRule } from '../rule';
import { contextCopyOf, isBroadSource, sourceBrings } from '../../model/cache-copies';
import { isSecretPath } from '../../model/cache-secrets';

export default defineRule({
  id: 'security/secret-file-copied',
  severity: 'warning',
  description: 'A COPY/ADD that puts a credential file (`.env`, a private key, `.npmrc`, `.aws/` …) into an image layer.',
  messages: {
    secret: "{keyword} puts '{file}' into an image layer, where anyone who can pull the image (or its build cache) can read it; keep it out of the image and give it to the RUN that needs it with 'RUN --mount=type=secret'.",
    context: "{keyword} {source} sends {files} from the build context into an image layer, where anyone who can pull the image can read it; exclude {them} in .dockerignore and give secrets to the RUN that needs them with 'RUN --mount=type=secret'.",
  },
  readsInstructions: ['COPY', 'ADD'],
  checkStage({ context, report }, stage) {
    for (const instr of stage.instructions) {
      const copy = contextCopyOf(instr);
      if (!copy) continue;
      for (const src of copy.sources) {
        if (src.value.includes('$')) continue;
        if (!isBroadSource(src) && isSecretPath(src.path)) {
          // An excluded file makes the build fail rather than leak.
          if (context.ignored(src.path)) continue;
          // A key copied to `*.pub`, `*.asc`, `*.gpg` or a keyring is a public key.
          if (copy.dest && /\.(pub|asc|gpg)$|keyring|trusted\.gpg/i.test(copy.dest.path) && !/^id_/.test(src.path.split('/').pop() ?? '')) continue;
          report({ message: 'secret', data: { keyword: copy.keyword, file: src.value }, range: src.range });
          continue;
        }
        if (!context.known) continue;
        const files = context.select(isSecretPath)
          .filter((f) => sourceBrings(src, f.replace(/\/$/, '')) && !context.ignored(f))
          // a folder already listed covers the files below it
          .filter((f, _i, all) => !all.some((o) => o !== f && o.endsWith('/') && f.startsWith(o)))
          .sort();
        if (!files.length) continue;
        const shown = files.slice(0, 3).map((f) => `'${f}'`).join(', ') + (files.length > 3 ? ` and ${files.length - 3} more` : '');
        report({
          message: 'context',
          data: { keyword: copy.keyword, source: `'${src.value}'`, files: shown, them: files.length > 1 ? 'them' : 'it' },
          range: src.range,
        });
      }
    }
  },
});
