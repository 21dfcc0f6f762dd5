import rule from '../../../../server/src/core/rules/cache/chown-after-copy';
import { ruleTester } from '../../../helpers/rule-tester';

ruleTester(rule, {
  valid: [
    'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\n',
    { name: 'chown of another path', code: 'FROM node:20-slim\nCOPY . /app\nRUN chown -R node:node /data\n' },
    { name: 'a RUN that does more than change permissions', code: 'FROM node:20-slim\nCOPY . /app\nRUN chown -R node:node /app && npm ci\n' },
    { name: 'not right after: another layer in between', code: 'FROM node:20-slim\nCOPY . /app\nRUN npm ci\nRUN chown -R node:node /app\n' },
    { name: 'a builder stage (not in the image)', code: 'FROM node:20 AS build\nCOPY . /src\nRUN chown -R node /src\nFROM node:20-slim\nCOPY --from=build /src/dist /app\n' },
    { name: 'ADD of an archive (extracted: ownership is the archive\'s)', code: 'FROM debian:12\nADD app.tar.gz /opt/\nRUN chown -R root:root /opt/app\n' },
    { name: 'a variable path', code: 'FROM debian:12\nARG DIR=/app\nCOPY . $DIR\nRUN chown -R 1000:1000 $DIR\n' },
    { name: 'chown --reference is not a plain owner', code: 'FROM debian:12\nCOPY app /app\nRUN chown --reference=/etc /app\n' },
    { name: 'a symbolic mode other than +x', code: 'FROM debian:12\nCOPY run.sh /usr/local/bin/run.sh\nRUN chmod go-w /usr/local/bin/run.sh\n' },
  ],
  invalid: [
    {
      name: 'COPY . /app then chown -R /app (message; unsafe: the folder and earlier files)',
      code: 'FROM node:20-slim\nWORKDIR /app\nCOPY . .\nRUN chown -R node:node /app\nUSER node\nCMD ["node", "server.js"]\n',
      errors: [{
        line: 4, column: 5,
        message: "'chown -R node:node /app' changes the owner of what the COPY on line 3 just added: every file is written again into a new layer, so the image holds it twice; set it in the COPY with '--chown=node:node'.",
        fixes: [{ title: 'Set --chown=node:node in the COPY and remove the RUN', safe: false, output: 'FROM node:20-slim\nWORKDIR /app\nCOPY --chown=node:node . .\nUSER node\nCMD ["node", "server.js"]\n' }],
      }],
      output: null,
    },
    {
      name: 'chmod of a copied file with an octal mode: safe',
      code: 'FROM debian:12-slim\nCOPY entrypoint.sh /usr/local/bin/\nRUN chmod 0755 /usr/local/bin/entrypoint.sh\nENTRYPOINT ["entrypoint.sh"]\n',
      errors: [{ line: 3, fixes: [{ title: 'Set --chmod=0755 in the COPY and remove the RUN', safe: true }] }],
      output: 'FROM debian:12-slim\nCOPY --chmod=0755 entrypoint.sh /usr/local/bin/\nENTRYPOINT ["entrypoint.sh"]\n',
    },
    {
      name: 'chmod +x of a copied file: unsafe (755 assumes the file was 644)',
      code: 'FROM debian:12-slim\nWORKDIR /app\nCOPY start.sh ./start.sh\nRUN chmod +x start.sh\nCMD ["./start.sh"]\n',
      errors: [{ line: 4, message: /set it in the COPY with '--chmod=755'/, fixes: [{ safe: false, output: 'FROM debian:12-slim\nWORKDIR /app\nCOPY --chmod=755 start.sh ./start.sh\nCMD ["./start.sh"]\n' }] }],
      output: null,
    },
    {
      name: 'chown and chmod of the same file: both flags',
      code: 'FROM alpine:3.20\nCOPY app /usr/local/bin/app\nRUN chown root:root /usr/local/bin/app && chmod 755 /usr/local/bin/app\n',
      errors: [{ line: 3, message: /owner and mode .* '--chown=root:root --chmod=755'/, fixes: [{ safe: true }] }],
      output: 'FROM alpine:3.20\nCOPY --chown=root:root --chmod=755 app /usr/local/bin/app\n',
    },
    {
      name: 'chown without a group: unsafe (--chown=user also sets the group)',
      code: 'FROM alpine:3.20\nCOPY app /srv/app\nRUN chown daemon /srv/app\n',
      errors: [{ line: 3, fixes: [{ safe: false }] }],
      output: null,
    },
    {
      name: 'COPY --from a builder, metadata instructions in between',
      code: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --from=build /out/app /usr/local/bin/app\nENV PORT=8080\nRUN chmod 555 /usr/local/bin/app\nCMD ["app"]\n',
      errors: [{ line: 6, fixes: [{ safe: true }] }],
      output: 'FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM alpine:3.20\nCOPY --chmod=555 --from=build /out/app /usr/local/bin/app\nENV PORT=8080\nCMD ["app"]\n',
    },
    {
      name: 'the COPY already sets an owner: reported, no fix',
      code: 'FROM node:20-slim\nCOPY --chown=node:node . /app\nRUN chown -R node:node /app\n',
      errors: [{ line: 3, fixes: [] }],
    },
  ],
});
