// Checks snippets/dockerfile.json: valid JSON with a prefix, body and description per snippet; every
// body expands (tab stops at their defaults) to a Dockerfile that parses and validates, with the
// expected stages, and the multi-stage skeletons follow the practices they exist to teach.
import * as assert from 'assert';
import * as fs from 'fs';
import { DockerfileParser, From, Instruction, JSONInstruction } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { expandSnippet, readSnippets, Snippet, SNIPPETS_PATH, SnippetSyntaxError, tabStops } from './snippet-expand';

/** Per prefix: the number of FROM instructions, and for RUN snippets the cache mount targets. */
const EXPECTED: Record<string, { froms: number; cacheTargets?: string[] }> = {
  'multistage-node': { froms: 3 },
  'multistage-go': { froms: 2 },
  'multistage-python': { froms: 2 },
  'multistage-java-maven': { froms: 2 },
  'multistage-dotnet': { froms: 2 },
  'multistage-rust': { froms: 2 },
  stage: { froms: 1 },
  'copy-from': { froms: 0 },
  'run-cache-npm': { froms: 0, cacheTargets: ['/root/.npm'] },
  'run-cache-yarn': { froms: 0, cacheTargets: ['/usr/local/share/.cache/yarn'] },
  'run-cache-pnpm': { froms: 0, cacheTargets: ['/root/.local/share/pnpm/store'] },
  'run-cache-pip': { froms: 0, cacheTargets: ['/root/.cache/pip'] },
  'run-cache-poetry': { froms: 0, cacheTargets: ['/root/.cache/pypoetry'] },
  'run-cache-uv': { froms: 0, cacheTargets: ['/root/.cache/uv'] },
  'run-cache-go': { froms: 0, cacheTargets: ['/go/pkg/mod', '/root/.cache/go-build'] },
  'run-cache-cargo': { froms: 0, cacheTargets: ['/usr/local/cargo/registry', '/usr/local/cargo/git/db'] },
  'run-cache-maven': { froms: 0, cacheTargets: ['/root/.m2'] },
  'run-cache-gradle': { froms: 0, cacheTargets: ['/root/.gradle'] },
  'run-cache-apt': { froms: 0, cacheTargets: ['/var/cache/apt', '/var/lib/apt'] },
  'run-cache-apk': { froms: 0, cacheTargets: ['/etc/apk/cache'] },
  'run-cache-bundler': { froms: 0, cacheTargets: ['/usr/local/bundle/cache'] },
  'run-cache-composer': { froms: 0, cacheTargets: ['/root/.composer/cache'] },
  'run-cache-dotnet': { froms: 0, cacheTargets: ['/root/.nuget/packages'] },
};

/** Commands that download dependencies and should run with a cache mount. */
const INSTALL = /\b(npm (ci|install)|yarn install|pnpm install|pip install|poetry install|uv sync|go mod download|go build|cargo (fetch|build)|mvn |gradle|dotnet (restore|publish)|bundle install|composer install)\b/;

const prefixOf = (s: Snippet) => (Array.isArray(s.prefix) ? s.prefix[0] : s.prefix);

interface StageInfo {
  from: From;
  instructions: Instruction[];
}

function stagesOf(text: string): StageInfo[] {
  const stages: StageInfo[] = [];
  for (const instruction of DockerfileParser.parse(text).getInstructions()) {
    if (instruction instanceof From) stages.push({ from: instruction, instructions: [] });
    else stages[stages.length - 1]?.instructions.push(instruction);
  }
  return stages;
}

function cacheTargets(instruction: Instruction): string[] {
  if (!(instruction instanceof JSONInstruction)) return [];
  return instruction
    .getFlags()
    .filter((f) => f.getName() === 'mount' && f.getOption('type')?.getValue() === 'cache')
    .map((f) => f.getOption('target')?.getValue() ?? '');
}

describe('snippet expansion helper', () => {
  it('uses defaults, first choices and mirrored tab stops', () => {
    assert.strictEqual(expandSnippet(['FROM ${1:node}:${2|22,20|} AS $3', 'COPY --from=$1 a b$0']), 'FROM node:22 AS \nCOPY --from=node a b');
  });
  it('expands nested placeholders and escapes', () => {
    assert.strictEqual(expandSnippet('a${1: ${2:b}} \\$PATH \\} \\\\ ${3|x\\,y,z|}'), 'a b $PATH } \\ x,y');
  });
  it('keeps a `$` that starts no construct', () => {
    assert.strictEqual(expandSnippet('echo $(date) $ \\'), 'echo $(date) $ \\');
  });
  it('rejects snippet variables, which would not insert a literal `$NAME`', () => {
    assert.throws(() => expandSnippet('ENV PATH=/x:$PATH'), SnippetSyntaxError);
    assert.throws(() => expandSnippet('ENV PATH=/x:${PATH}'), SnippetSyntaxError);
  });
  it('rejects an unterminated placeholder', () => {
    assert.throws(() => expandSnippet('FROM ${1:node'), SnippetSyntaxError);
  });
  it('lists tab stops', () => {
    assert.deepStrictEqual(tabStops('${2:a} $1 ${3|x,y|} ${4:${5:z}} $0'), [0, 1, 2, 3, 4, 5]);
  });
});

describe('snippets/dockerfile.json', () => {
  const snippets = readSnippets();
  const entries = Object.entries(snippets);

  it('is valid JSON with a prefix, body and description for each snippet', () => {
    JSON.parse(fs.readFileSync(SNIPPETS_PATH, 'utf8'));
    assert.ok(entries.length > 0);
    for (const [name, s] of entries) {
      assert.ok(typeof s.prefix === 'string' && s.prefix.length > 0, `${name}: prefix`);
      assert.ok(Array.isArray(s.body) && s.body.length > 0 && s.body.every((l) => typeof l === 'string'), `${name}: body`);
      assert.ok(typeof s.description === 'string' && s.description.length > 10, `${name}: description`);
    }
  });

  it('has one snippet per expected prefix, and no prefix twice', () => {
    const prefixes = entries.map(([, s]) => prefixOf(s));
    assert.deepStrictEqual([...prefixes].sort(), Object.keys(EXPECTED).sort());
  });

  for (const [name, snippet] of Object.entries(readSnippets())) {
    const prefix = prefixOf(snippet);
    const expected = EXPECTED[prefix];

    describe(`${prefix} (${name})`, () => {
      let text = '';
      let stages: StageInfo[] = [];
      before(() => {
        text = expandSnippet(snippet.body);
        stages = stagesOf(text);
      });

      it('expands to a Dockerfile with the expected FROM instructions', () => {
        const dockerfile = DockerfileParser.parse(text);
        assert.ok(expected, `no expectation for ${prefix}`);
        assert.strictEqual(dockerfile.getFROMs().length, expected.froms);
        assert.ok(dockerfile.getInstructions().length > 0);
      });

      it('passes the Dockerfile validator without errors or warnings', () => {
        // A fragment is checked inside a stage, as it would be inserted.
        const full = expected.froms === 0 ? `FROM scratch\n${text}` : text;
        const problems = validate(full).map((d) => `${d.range.start.line + 1}: ${d.message}`);
        assert.deepStrictEqual(problems, []);
      });

      it('starts at tab stop 1 and ends at $0', () => {
        const stops = tabStops(snippet.body);
        assert.strictEqual(stops[0], 0, 'has $0');
        assert.strictEqual(stops[1], 1, 'first tab stop is 1');
        stops.forEach((n, i) => assert.strictEqual(n, i, `tab stops are numbered without gaps: ${stops.join(', ')}`));
      });

      if (expected?.cacheTargets) {
        it(`mounts the cache at ${expected.cacheTargets.join(', ')}`, () => {
          const run = DockerfileParser.parse(text).getInstructions().find((i) => i.getKeyword() === 'RUN');
          assert.ok(run, 'a RUN instruction');
          assert.deepStrictEqual(cacheTargets(run), expected.cacheTargets);
        });
      }

      if (prefix.startsWith('multistage-')) {
        const final = () => stages[stages.length - 1];

        it('pins every base image to a tag that is not latest', () => {
          const names = new Set(stages.map((s) => s.from.getBuildStage()?.toLowerCase()));
          for (const { from } of stages) {
            if (names.has(from.getImageName()?.toLowerCase())) continue;
            const tag = from.getImageTag();
            assert.ok(tag && tag !== 'latest', `${from.getImage()} has a pinned tag`);
          }
        });

        it('names its build stage builder or build', () => {
          assert.ok(stages.some((s) => ['builder', 'build'].includes(s.from.getBuildStage() ?? '')));
        });

        it('runs the final stage as a non-root user', () => {
          const users = final().instructions.filter((i) => i.getKeyword() === 'USER');
          assert.strictEqual(users.length, 1);
          const user = users[0].getArgumentsContent() ?? '';
          assert.ok(!/^(root|0)(:|$)/.test(user), `USER ${user}`);
        });

        it('starts the program in exec form', () => {
          const start = final().instructions.filter((i) => ['CMD', 'ENTRYPOINT'].includes(i.getKeyword()));
          assert.ok(start.length > 0, 'CMD or ENTRYPOINT in the final stage');
          for (const i of start) {
            assert.ok(i instanceof JSONInstruction && i.getJSONStrings().length > 0, `${i.getKeyword()} is a JSON array`);
          }
        });

        it('copies only from earlier stages into the final stage, never the whole build context', () => {
          for (const i of final().instructions.filter((x) => x.getKeyword() === 'COPY')) {
            const args = i.getArguments().map((a) => a.getValue());
            assert.ok(!args.slice(0, -1).includes('.'), `final stage copies the build context: ${i.toString()}`);
          }
        });

        it('caches every dependency download and copies manifests before it', () => {
          for (const stage of stages) {
            let broadCopy = false;
            for (const i of stage.instructions) {
              const keyword = i.getKeyword();
              const args = i.getArgumentsContent() ?? '';
              if (keyword === 'COPY' && !i.toString().includes('--from') && i.getArguments()[0]?.getValue() === '.') broadCopy = true;
              if (keyword === 'RUN' && INSTALL.test(args)) {
                assert.ok(cacheTargets(i).length > 0, `cache mount on: ${args}`);
                const firstInstall = stage.instructions.find((x) => x.getKeyword() === 'RUN' && INSTALL.test(x.getArgumentsContent() ?? ''));
                if (i === firstInstall) assert.ok(!broadCopy, `manifests copied before the first install: ${args}`);
              }
              if (keyword === 'RUN' && /apt-get install/.test(args)) {
                assert.ok(/apt-get update/.test(args), 'apt-get update in the same RUN as the install');
                const listsCached = cacheTargets(i).includes('/var/lib/apt');
                assert.ok(listsCached || /rm -rf \/var\/lib\/apt\/lists/.test(args), 'apt lists kept out of the layer: removed in the same RUN or in a cache mount');
              }
              if (keyword === 'RUN' && /npm ci|npm install/.test(args) && stage !== stages.find((s) => s.from.getBuildStage() === 'builder')) {
                assert.ok(/--omit=dev/.test(args), `production dependencies only outside the builder: ${args}`);
              }
            }
          }
        });
      }
    });
  }
});
