/**
 * Every suppression form, as data: the Dockerfile, the rule looked at, and how many of its
 * findings remain (with their 1-based lines). Each suppressed row has a near-miss row where
 * the same finding stays.
 *
 * Rules used: security/unpinned-base-image (`FROM ubuntu`; hadolint DL3006/DL3007),
 * stage/final-user-root (`USER root`; DL3002), buildkit/MaintainerDeprecated (`MAINTAINER`; DL4000,
 * BuildKit `MaintainerDeprecated`), cache/apt-update-alone (no hadolint code).
 */
import assert from 'node:assert/strict';
import { analyze } from '../../server/src/core/analyze';

interface Row {
  name: string;
  code: string;
  rule: string;
  /** 1-based lines of the findings of `rule` that remain. */
  lines: number[];
}

const UNPINNED = 'security/unpinned-base-image';
const ROOT = 'stage/final-user-root';
const MAINTAINER = 'buildkit/MaintainerDeprecated';
const APT = 'cache/apt-update-alone';

const rows: Row[] = [
  // No suppression: the findings the other rows suppress.
  { name: 'baseline: unpinned base', code: 'FROM ubuntu\nCMD ["sh"]\n', rule: UNPINNED, lines: [1] },
  { name: 'baseline: root user', code: 'FROM ubuntu:24.04\nUSER root\nCMD ["sh"]\n', rule: ROOT, lines: [2] },

  // # stagecraft-ignore <id>[,<id>…] on the line(s) before an instruction
  { name: 'stagecraft-ignore <id> before the instruction', code: '# stagecraft-ignore security/unpinned-base-image\nFROM ubuntu\nCMD ["sh"]\n', rule: UNPINNED, lines: [] },
  { name: 'stagecraft-ignore naming another rule', code: '# stagecraft-ignore stage/final-user-root\nFROM ubuntu\nCMD ["sh"]\n', rule: UNPINNED, lines: [2] },
  { name: 'stagecraft-ignore with a comma list', code: 'FROM ubuntu:24.04\n# stagecraft-ignore security/unpinned-base-image,stage/final-user-root\nUSER root\nCMD ["sh"]\n', rule: ROOT, lines: [] },
  { name: 'stagecraft-ignore with a space list', code: 'FROM ubuntu:24.04\n# stagecraft-ignore security/unpinned-base-image stage/final-user-root\nUSER root\nCMD ["sh"]\n', rule: ROOT, lines: [] },
  { name: 'stagecraft-ignore with no id: every rule on that instruction', code: '# stagecraft-ignore\nFROM ubuntu\nCMD ["sh"]\n', rule: UNPINNED, lines: [] },
  { name: 'stagecraft-ignore applies across a blank line and another comment', code: '# stagecraft-ignore security/unpinned-base-image\n\n# the base\nFROM ubuntu\nCMD ["sh"]\n', rule: UNPINNED, lines: [] },
  { name: 'stagecraft-ignore applies to the next instruction only', code: '# stagecraft-ignore security/unpinned-base-image\nFROM ubuntu AS a\nRUN true\nFROM debian\nCMD ["sh"]\n', rule: UNPINNED, lines: [4] },
  { name: 'stagecraft-ignore after the instruction does nothing', code: 'FROM ubuntu\n# stagecraft-ignore security/unpinned-base-image\nCMD ["sh"]\n', rule: UNPINNED, lines: [1] },
  { name: 'stagecraft-ignore covers a finding on a continuation line', code: 'FROM ubuntu:24.04\n# stagecraft-ignore cache/apt-update-alone\nRUN true && \\\n    apt-get update\nRUN apt-get install -y curl\n', rule: APT, lines: [] },
  { name: 'near miss: the same finding without the comment', code: 'FROM ubuntu:24.04\nRUN true && \\\n    apt-get update\nRUN apt-get install -y curl\n', rule: APT, lines: [3] },
  { name: 'stagecraft-ignore on the first line (before FROM)', code: '# stagecraft-ignore\nFROM ubuntu\n', rule: UNPINNED, lines: [] },

  // # stagecraft-ignore-file <id>… anywhere
  { name: 'stagecraft-ignore-file <id> at the end of the file', code: 'FROM ubuntu AS a\nRUN true\nFROM debian\nCMD ["sh"]\n# stagecraft-ignore-file security/unpinned-base-image\n', rule: UNPINNED, lines: [] },
  { name: 'stagecraft-ignore-file naming another rule', code: 'FROM ubuntu\nCMD ["sh"]\n# stagecraft-ignore-file stage/final-user-root\n', rule: UNPINNED, lines: [1] },
  { name: 'stagecraft-ignore-file with no id: every rule', code: '# stagecraft-ignore-file\nFROM ubuntu\nMAINTAINER me\nCMD ["sh"]\n', rule: MAINTAINER, lines: [] },
  { name: 'stagecraft-ignore-file on the first line after a parser directive', code: '# syntax=docker/dockerfile:1\n# stagecraft-ignore-file security/unpinned-base-image\nFROM ubuntu\n', rule: UNPINNED, lines: [] },
  { name: 'stagecraft-ignore-file in a heredoc is not a comment', code: 'FROM ubuntu\nRUN <<EOF\n# stagecraft-ignore-file security/unpinned-base-image\nEOF\n', rule: UNPINNED, lines: [1] },

  // # hadolint ignore=… before an instruction (mapped rules only)
  { name: 'hadolint ignore=<code> before the instruction', code: '# hadolint ignore=DL3006\nFROM ubuntu\n', rule: UNPINNED, lines: [] },
  { name: 'hadolint ignore of a code the rule does not map to', code: '# hadolint ignore=DL3002\nFROM ubuntu\n', rule: UNPINNED, lines: [2] },
  { name: 'hadolint ignore=<code>,<code>', code: 'FROM ubuntu:24.04\n# hadolint ignore=DL3001,DL3002\nUSER root\n', rule: ROOT, lines: [] },
  { name: 'hadolint ignore with spaces around = and ,', code: 'FROM ubuntu:24.04\n#hadolint ignore = DL3001 , DL3002\nUSER root\n', rule: ROOT, lines: [] },
  { name: 'hadolint ignore with a trailing space', code: 'FROM ubuntu:24.04\n# hadolint ignore=DL3002 \nUSER root\n', rule: ROOT, lines: [] },
  { name: 'hadolint ignore with an inline comment', code: 'FROM ubuntu:24.04\n# hadolint ignore=DL3002 # runs as root on purpose\nUSER root\n', rule: ROOT, lines: [] },
  { name: 'hadolint ignore with an entry that is not a code ignores nothing', code: 'FROM scratch\n# hadolint ignore=crazy,DL3002\nUSER root\n', rule: ROOT, lines: [3] },
  { name: 'hadolint ignore with a lower-case code ignores nothing', code: 'FROM ubuntu:24.04\n# hadolint ignore=dl3002\nUSER root\n', rule: ROOT, lines: [3] },
  { name: 'hadolint ignore followed by other text ignores nothing', code: 'FROM ubuntu:24.04\n# hadolint ignore=DL3002 because\nUSER root\n', rule: ROOT, lines: [3] },
  { name: 'hadolint ignore on the FROM does not cover a later USER', code: '# hadolint ignore=DL3001,DL3002\nFROM ubuntu:24.04\nUSER root\n', rule: ROOT, lines: [3] },
  { name: 'hadolint ignore of the other mapped code (DL3007 for :latest)', code: '# hadolint ignore=DL3007\nFROM ubuntu:latest\n', rule: UNPINNED, lines: [] },

  // # hadolint global ignore=… anywhere
  { name: 'hadolint global ignore on the first line (read as a parser directive)', code: '# hadolint global ignore=DL3002\nFROM ubuntu:24.04\nUSER root\n', rule: ROOT, lines: [] },
  { name: 'hadolint global ignore with spaces', code: '# hadolint global ignore = DL3023 , DL3002\nFROM ubuntu:24.04\nUSER root\n', rule: ROOT, lines: [] },
  { name: 'hadolint global ignore at the end of the file', code: 'FROM ubuntu:24.04\nUSER root\n# hadolint global ignore=DL3002\n', rule: ROOT, lines: [] },
  { name: 'hadolint global ignore with an invalid entry ignores nothing', code: '# hadolint global ignore=DL3002,all\nFROM ubuntu:24.04\nUSER root\n', rule: ROOT, lines: [3] },
  { name: 'hadolint global ignore of another code', code: '# hadolint global ignore=DL3006\nFROM ubuntu:24.04\nUSER root\n', rule: ROOT, lines: [3] },

  // BuildKit's # check=skip= (buildkit/ rules only), file-wide and per instruction
  { name: 'check=skip=<Rule> directive', code: '# check=skip=MaintainerDeprecated\nFROM alpine:3.20\nMAINTAINER me\n', rule: MAINTAINER, lines: [] },
  { name: 'check=skip=all directive', code: '# check=skip=all\nFROM alpine:3.20\nMAINTAINER me\n', rule: MAINTAINER, lines: [] },
  { name: 'check=skip of another rule', code: '# check=skip=StageNameCasing\nFROM alpine:3.20\nMAINTAINER me\n', rule: MAINTAINER, lines: [3] },
  { name: 'check=skip=<Rule> just above the instruction', code: 'FROM alpine:3.20\n# check=skip=MaintainerDeprecated\nMAINTAINER me\n', rule: MAINTAINER, lines: [] },
  { name: 'check=skip does not apply to rules outside buildkit/', code: '# check=skip=all\nFROM ubuntu\n', rule: UNPINNED, lines: [2] },
  { name: 'hadolint ignore=DL4000 also silences the buildkit/ rule mapped to it', code: 'FROM alpine:3.20\n# hadolint ignore=DL4000\nMAINTAINER me\n', rule: MAINTAINER, lines: [] },
];

describe('suppression comments', () => {
  for (const row of rows) {
    it(row.name, () => {
      const a = analyze(row.code);
      assert.deepEqual(a.internalErrors, []);
      const lines = a.findings.filter((f) => f.rule === row.rule).map((f) => f.range.start.line + 1);
      assert.deepEqual(lines, row.lines, row.code);
    });
  }
});
