import rule from '../../../../server/src/core/rules/stage/scratch-without-ca-certificates';
import { ruleTester } from '../../../helpers/rule-tester';

const BUILD = 'FROM golang:1.22 AS build\nRUN CGO_ENABLED=0 go build -o /app .\n';

ruleTester(rule, {
  valid: [
    { name: 'bundle copied', code: `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'certs directory copied', code: `${BUILD}FROM scratch\nCOPY --from=build /etc/ssl /etc/ssl\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'artifact export stage: no CMD/ENTRYPOINT', code: `${BUILD}FROM scratch AS binary\nCOPY --from=build /app /app\n` },
    { name: 'not scratch', code: `${BUILD}FROM alpine\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'scratch builder stage, not shipped', code: `${BUILD}FROM scratch AS tmp\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\nFROM alpine\nCOPY --from=tmp /app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'SSL_CERT_FILE set', code: `${BUILD}FROM scratch\nENV SSL_CERT_FILE=/certs/bundle\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n` },
    { name: 'a whole root filesystem copied in', code: 'FROM ubuntu AS chisel\nRUN mkdir /rootfs\nFROM scratch\nCOPY --from=chisel /rootfs /\nENTRYPOINT ["/app"]\n' },
  ],
  invalid: [
    {
      name: 'binary from a builder, no bundle',
      code: `${BUILD}FROM scratch\nCOPY --from=build /app /app\nENTRYPOINT ["/app"]\n`,
      errors: [{ line: 3, column: 6, endColumn: 13,
        message: "Stage '1' is FROM scratch and ships a program but no CA certificates (/etc/ssl/certs/ca-certificates.crt): any HTTPS/TLS connection it makes fails with 'x509: certificate signed by unknown authority'.",
        fixes: [{ title: "Copy the CA bundle from 'build'", safe: false, output: `${BUILD}FROM scratch\nCOPY --from=build /app /app\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\nENTRYPOINT ["/app"]\n` }] }],
      output: null,
    },
    {
      name: 'binary from the context: reported, no builder to copy from',
      code: 'FROM scratch\nCOPY minio /minio\nCMD ["/minio"]\n',
      errors: [{ line: 1, fixes: [] }],
    },
    {
      name: 'configured target, CRLF',
      code: 'FROM golang:1.22 AS build\r\nRUN go build -o /app .\r\nFROM scratch AS run\r\nCOPY --from=build /app /app\r\nENTRYPOINT ["/app"]\r\nFROM alpine\r\nCMD ["sh"]\r\n',
      config: { targets: ['run'] },
      errors: [{ line: 3, fixes: [{ output: 'FROM golang:1.22 AS build\r\nRUN go build -o /app .\r\nFROM scratch AS run\r\nCOPY --from=build /app /app\r\nCOPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/\r\nENTRYPOINT ["/app"]\r\nFROM alpine\r\nCMD ["sh"]\r\n' }] }],
    },
  ],
});
