/**
 * File names that hold credentials: `.env` files, private keys, package-registry
 * and network credentials, cloud and SSH folders. Works on plain paths and on
 * COPY source patterns (`*.pem`, `.env*`).
 */

const ENV_NOT_SECRET = /^\.env[._-](example|sample|template|tmpl|dist|defaults?|schema|local\.example|example\..*)$/i;
const PEM_NOT_SECRET = /(^|[-_.])(ca|cacert|cert|certs|certificate|chain|fullchain|bundle|pub|public|root|rootca|dhparams?|trust|truststore)([-_.0-9]|$)/i;

/** Whether a file name (one path component) names a secret. */
export function isSecretName(n: string): boolean {
  if (/^\.env([._-].*|\*)?$/i.test(n)) return !ENV_NOT_SECRET.test(n);
  if (/\.pem$/i.test(n)) return !PEM_NOT_SECRET.test(n.slice(0, -4));
  // `*.gpg.key`, `*-pubkey.key`: public signing keys, not secrets.
  if (/\.(key|p12|pfx|keystore|jks)$/i.test(n)) return !/(^|[-_.])(pub|public|pubkey|gpg|asc|signing|archive-keyring)([-_.]|$)|pubkey/i.test(n);
  if (/^id_(rsa|dsa|ecdsa|ed25519)/.test(n)) return !/\.pub$/.test(n);
  if (/^\.(npmrc|pypirc|netrc|git-credentials|pgpass)$/.test(n)) return true;
  if (/^credentials/i.test(n)) return !/\.(example|sample|template)(\.|$)/i.test(n);
  return false;
}

/** Folders whose whole content is credentials. */
export const SECRET_DIRS = /^\.(aws|ssh|gnupg)$/;

/**
 * Whether a context path (file, or folder ending with `/`) is or lies inside a secret.
 * Paths inside `node_modules`, `.git` and test folders (`test`, `testdata`, `fixtures` …) are not
 * considered: they hold throw-away test keys.
 */
export function isSecretPath(path: string): boolean {
  const dir = path.endsWith('/');
  const parts = path.replace(/^\.\//, '').split('/').filter(Boolean);
  if (parts.some((p) => p === 'node_modules' || p === '.git' || /^(test|tests|testdata|__tests__|fixtures?)$/.test(p))) return false;
  for (let i = 0; i < parts.length; i++) {
    if (SECRET_DIRS.test(parts[i])) return true;
    if (i === parts.length - 1 && !dir && isSecretName(parts[i])) return true;
  }
  return false;
}
