import type { FileResult } from '../lint';
import type { Rule } from '../../core/rules/rule';
import { ruleDocsUrl } from '../../core/rules/rule';
import { rel } from './text';

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/** SARIF 2.1.0: one run, `ruleId` = rule id, 1-based lines and columns (UTF-16 code units), rules with `helpUri`, fixes as replacements. */
export function formatSarif(results: FileResult[], rules: ReadonlyMap<string, Rule>, version: string, cwd: string): string {
  const used = [...new Set(results.flatMap((r) => r.findings.map((f) => f.rule)))].sort();
  const ruleIndex = new Map(used.map((id, i) => [id, i]));
  const region = (r: { start: { line: number; character: number }; end: { line: number; character: number } }) => ({
    startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1,
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'stagecraft',
          version,
          informationUri: 'https://github.com/stagecraft-dev/stagecraft',
          rules: used.map((id) => {
            const rule = rules.get(id);
            return {
              id,
              name: id,
              shortDescription: { text: rule?.description ?? id },
              helpUri: ruleDocsUrl(id),
              defaultConfiguration: { level: rule ? LEVEL[rule.severity] : 'warning' },
            };
          }),
        },
      },
      columnKind: 'utf16CodeUnits',
      invocations: [{
        executionSuccessful: !results.some((r) => r.error),
        toolExecutionNotifications: results.filter((r) => r.error).map((r) => ({
          level: 'error',
          message: { text: `${rel(r.file, cwd)}: ${r.error}` },
          locations: [{ physicalLocation: { artifactLocation: { uri: rel(r.file, cwd) } } }],
        })),
      }],
      results: results.flatMap((r) => r.findings.map((f) => ({
        ruleId: f.rule,
        ruleIndex: ruleIndex.get(f.rule),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri: rel(r.file, cwd) }, region: region(f.range) } }],
        ...(f.fixes.length ? {
          fixes: f.fixes.filter((x) => x.edits.length).map((x) => ({
            description: { text: `${x.title}${x.safe ? '' : ' (unsafe)'}` },
            artifactChanges: [{
              artifactLocation: { uri: rel(r.file, cwd) },
              replacements: x.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
            }],
          })),
        } : {}),
      }))),
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
