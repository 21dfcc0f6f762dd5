import { defineRule } from '../rule';
import { ancestry, copiesOf, insertLineAfter, stageBase, variableAt } from '../../model/stage-facts';

const CA = /ca-certificates|\/etc\/ssl|\/etc\/pki|cacert|ca-bundle|\.crt$|\.pem$|certs/i;

export default defineRule({
  id: 'stage/scratch-without-ca-certificates',
  severity: 'info',
  description: 'A shipped `FROM scratch` stage that copies in an executable but no CA bundle: TLS connections fail.',
  messages: {
    noCa: "Stage '{stage}' is FROM scratch and ships a program but no CA certificates (/etc/ssl/certs/ca-certificates.crt): any HTTPS/TLS connection it makes fails with 'x509: certificate signed by unknown authority'.",
  },
  check({ model, report }) {
    for (const t of model.shipped) {
      const base = stageBase(model, t);
      if (base.kind !== 'scratch') continue;
      const chain = ancestry(model, t);
      const copies = chain.flatMap((s) => copiesOf(s).map((c) => ({ stage: s, c })));
      if (!copies.length) continue;
      const runsProgram = chain.some((s) => s.instructions.some((i) => /^(CMD|ENTRYPOINT)$/.test(i.getKeyword())));
      const fromBuilder = copies.filter(({ c }) => {
        const ref = model.refs.find((r) => r.instruction === c.instruction && r.kind === 'copy');
        return ref && (ref.resolution === 'stage' || ref.resolution === 'index');
      });
      // Without CMD/ENTRYPOINT a scratch stage is an artifact export (`docker build --output`), not a container.
      if (!runsProgram) continue;
      // A whole root filesystem copied in (`COPY --from=x /rootfs /`) may well hold the bundle.
      if (copies.some(({ c }) => c.dest && /^\/+\.?$/.test(c.dest.value.trim()) && c.sources.some((src) => !/\.[A-Za-z0-9]+$/.test(src.value) && !/\/(bin|sbin)\//.test(src.value)))) continue;
      const hasCa = copies.some(({ c }) => [...c.sources, ...(c.dest ? [c.dest] : [])].some((a) => CA.test(a.value)));
      if (hasCa) continue;
      if (variableAt(model, t, undefined, 'SSL_CERT_FILE') !== undefined || variableAt(model, t, undefined, 'SSL_CERT_DIR') !== undefined) continue;
      const stage = model.stages[t];
      const fixes = [];
      const first = fromBuilder[0];
      if (first && first.stage.index === t) {
        const ref = model.refs.find((r) => r.instruction === first.c.instruction && r.kind === 'copy')!;
        const builderBase = ref.target !== undefined ? stageBase(model, ref.target) : undefined;
        if (builderBase && builderBase.kind === 'image') {
          fixes.push({
            title: `Copy the CA bundle from '${ref.value}'`,
            safe: false,
            edits: [insertLineAfter(model, first.c.instruction, `COPY --from=${ref.value} /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/`)],
          });
        }
      }
      report({ message: 'noCa', data: { stage: stage.name ?? String(stage.index) }, range: base.stage.baseRange ?? base.stage.fromRange, fixes });
    }
  },
});
