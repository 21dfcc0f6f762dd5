import rule from '../../../../server/src/core/rules/security/secret-file-copied';
import { ruleTester } from '../../../helpers/rule-tester';

const secret = (keyword: string, file: string) =>
  `${keyword} puts '${file}' into an image layer, where anyone who can pull the image (or its build cache) can read it; keep it out of the image and give it to the RUN that needs it with 'RUN --mount=type=secret'.`;

ruleTester(rule, {
  valid: [
    'FROM node:20\nCOPY package.json package-lock.json ./\n',
    { name: 'an example env file', code: 'FROM node:20\nCOPY .env.example .env\n' },
    { name: 'a public key and a CA certificate', code: 'FROM alpine:3.20\nCOPY id_rsa.pub ca.pem fullchain.pem /etc/keys/\n' },
    { name: 'copied from another stage (not the context)', code: 'FROM alpine:3.20 AS keys\nRUN touch /k.pem\nFROM alpine:3.20\nCOPY --from=keys /k.pem /k.pem\n' },
    { name: 'broad copy without context facts', code: 'FROM node:20\nCOPY . .\n' },
    { name: 'broad copy, secrets excluded by .dockerignore', code: 'FROM node:20\nCOPY . .\n', context: { files: ['package.json', '.env', '.npmrc'], dockerignore: '.env\n.npmrc\n' } },
    { name: 'broad copy, no secret in the context', code: 'FROM node:20\nCOPY . .\n', context: { files: ['package.json', 'src/'], dockerignore: null } },
    { name: 'folder copy, secret elsewhere', code: 'FROM node:20\nCOPY src/ ./src/\n', context: { files: ['src/', 'src/index.js', '.env'], dockerignore: null } },
    { name: 'explicit copy of an ignored file fails the build rather than leak', code: 'FROM node:20\nCOPY .env ./\n', context: { files: ['.env'], dockerignore: '.env\n' } },
    { name: 'public signing keys', code: 'FROM debian:12\nADD nodesource-repo.gpg.key /usr/share/keyrings/nodesource.asc\nCOPY yarn-pubkey.key /tmp/\nCOPY jenkins.io-2026.key /war/jenkins-key.pub\n' },
    { name: 'a throw-away key from test fixtures', code: 'FROM alpine:3.20\nCOPY ./test/fixture/certs/server.key /etc/certs/\n' },
    { name: 'variable source', code: 'FROM node:20\nARG F\nCOPY $F ./\n' },
    { name: 'a secret mount, not a copy', code: 'FROM node:20\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n' },
  ],
  invalid: [
    { name: '.env', code: 'FROM node:20\nCOPY .env ./\n', errors: [{ line: 2, column: 6, endColumn: 10, message: secret('COPY', '.env'), fixes: [] }], output: null },
    { name: '.env.production among other sources', code: 'FROM node:20\nCOPY package.json .env.production ./\n', errors: [{ line: 2, column: 19 }] },
    { name: 'private key (ADD)', code: 'FROM nginx:1.27\nADD server.key /etc/nginx/\n', errors: [{ line: 2, message: secret('ADD', 'server.key') }] },
    { name: 'pem glob', code: 'FROM nginx:1.27\nCOPY certs/*.pem /etc/ssl/\n', errors: [{ line: 2 }] },
    { name: 'ssh key', code: 'FROM alpine:3.20\nCOPY id_rsa /root/.ssh/id_rsa\n', errors: [{ line: 2 }] },
    { name: 'ssh folder', code: 'FROM alpine:3.20\nCOPY .ssh/ /root/.ssh/\n', errors: [{ line: 2 }] },
    { name: 'aws folder', code: 'FROM python:3.12\nCOPY .aws /root/.aws\n', errors: [{ line: 2 }] },
    { name: '.npmrc', code: 'FROM node:20\nCOPY .npmrc package.json ./\nRUN npm install\n', errors: [{ line: 2, column: 6 }] },
    { name: '.pypirc and .netrc in JSON form', code: 'FROM python:3.12\nCOPY [".pypirc", ".netrc", "/root/"]\n', errors: [{ line: 2, column: 7 }, { line: 2, column: 18 }] },
    { name: 'credentials file', code: 'FROM python:3.12\nCOPY config/credentials.json /app/\n', errors: [{ line: 2 }] },
    {
      name: 'broad copy with secrets in the context and no .dockerignore',
      code: 'FROM node:20\nCOPY . .\n',
      context: { files: ['package.json', '.env', '.npmrc', 'src/'], dockerignore: null },
      errors: [{ line: 2, column: 6, endColumn: 7, message: "COPY '.' sends '.env', '.npmrc' from the build context into an image layer, where anyone who can pull the image can read it; exclude them in .dockerignore and give secrets to the RUN that needs them with 'RUN --mount=type=secret'." }],
    },
    {
      name: 'broad copy, .dockerignore misses one',
      code: 'FROM node:20\nCOPY . /app\n',
      context: { files: ['.env', 'deploy/.aws/', 'deploy/.aws/credentials'], dockerignore: '.env\n' },
      errors: [{ line: 2, message: /sends 'deploy\/\.aws\/' from the build context.*exclude it in/ }],
    },
    {
      name: 'folder copy containing a key',
      code: 'FROM nginx:1.27\nCOPY conf/ /etc/nginx/\n',
      context: { files: ['conf/', 'conf/nginx.conf', 'conf/tls.key'], dockerignore: null },
      errors: [{ line: 2, message: /'conf\/tls\.key'/ }],
    },
    { name: 'in a builder stage too', code: 'FROM node:20 AS build\nCOPY .npmrc ./\nRUN npm ci\nFROM node:20-slim\nCOPY --from=build /node_modules /node_modules\n', errors: [{ line: 2 }] },
  ],
});
