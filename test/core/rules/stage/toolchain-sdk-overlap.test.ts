/**
 * `stage/toolchain-in-final-stage` and `stage/sdk-runtime-base` judge the same shipped images: one
 * problem must give one finding, and the slim-base fix must not be offered alone where the stage
 * compiles native code. Both rules run together here, on single-stage files as users write them.
 */
import assert from 'node:assert/strict';
import { analyze } from '../../../../server/src/core/analyze';

const RULES = ['stage/toolchain-in-final-stage', 'stage/sdk-runtime-base'];

function findings(text: string) {
  const a = analyze(text, {}, {});
  assert.deepEqual(a.internalErrors, []);
  return a.findings.filter((f) => RULES.includes(f.rule)).map((f) => ({ rule: f.rule, line: f.range.start.line + 1, fixes: f.fixes.map((x) => x.title) }));
}

describe('stage/toolchain-in-final-stage and stage/sdk-runtime-base together', () => {
  it('Spring Boot built in a single JDK stage: one finding, whose fix is the split', () => {
    const got = findings('FROM eclipse-temurin:21-jdk\nWORKDIR /app\nCOPY . .\nRUN ./mvnw -B package -DskipTests\nEXPOSE 8080\nCMD ["java", "-jar", "target/app.jar"]\n');
    assert.deepEqual(got, [{ rule: 'stage/toolchain-in-final-stage', line: 4, fixes: ['Split into builder and runner stages'] }]);
  });

  it('Ruby/Bundler on the full image: one finding, and no slim base offered alone', () => {
    const got = findings('FROM ruby:3.3\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\nCMD ["bundle", "exec", "rails", "server", "-b", "0.0.0.0"]\n');
    assert.deepEqual(got, [{ rule: 'stage/sdk-runtime-base', line: 1, fixes: [] }]);
  });

  it('Ruby with build-essential and -dev headers: one finding on the toolchain', () => {
    const got = findings('FROM ruby:3.3\nRUN apt-get update && apt-get install -y build-essential libpq-dev\nWORKDIR /app\nCOPY Gemfile Gemfile.lock ./\nRUN bundle install\nCOPY . .\nCMD ["rails", "server"]\n');
    assert.equal(got.length, 1, JSON.stringify(got));
    assert.equal(got[0].rule, 'stage/toolchain-in-final-stage');
  });

  it('Express on node:20 without a build step: one finding, the slim base', () => {
    const got = findings('FROM node:20\nWORKDIR /app\nCOPY package*.json ./\nRUN npm ci --omit=dev\nCOPY . .\nCMD ["node", "server.js"]\n');
    assert.deepEqual(got, [{ rule: 'stage/sdk-runtime-base', line: 1, fixes: ["Switch the base to 'node:20-slim'"] }]);
  });

  it('FastAPI on python:3.12: one finding, whose fix is the split', () => {
    const got = findings('FROM python:3.12\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install --no-cache-dir -r requirements.txt\nCOPY . .\nCMD ["uvicorn", "main:app", "--host", "0.0.0.0"]\n');
    assert.deepEqual(got, [{ rule: 'stage/toolchain-in-final-stage', line: 1, fixes: ['Split into builder and runner stages'] }]);
  });

  it('a multi-stage file with a runtime base: neither rule', () => {
    assert.deepEqual(findings('FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM gcr.io/distroless/static-debian12:nonroot\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n'), []);
  });
});
