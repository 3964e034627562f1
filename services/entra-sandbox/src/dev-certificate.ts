import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface TlsFiles {
  cert: Buffer;
  key: Buffer;
  certPath: string;
}

/**
 * A self-signed certificate for localhost and 127.0.0.1, made once with openssl and kept in `dir` (under the
 * git-ignored `.stack/`); msal-node only accepts https authorities, and the API trusts this file by configuration.
 */
export function ensureDevCertificate(dir: string): TlsFiles {
  const certPath = path.join(dir, 'cert.pem');
  const keyPath = path.join(dir, 'key.pem');
  if (!existsSync(certPath) || !existsSync(keyPath)) {
    mkdirSync(dir, { recursive: true });
    execFileSync(
      'openssl',
      [
        ...['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-sha256', '-days', '365'],
        ...['-keyout', keyPath, '-out', certPath, '-subj', '/CN=localhost'],
        ...['-addext', 'subjectAltName=DNS:localhost,DNS:entra-sandbox,IP:127.0.0.1'],
      ],
      { stdio: 'ignore' },
    );
  }
  return { cert: readFileSync(certPath), key: readFileSync(keyPath), certPath };
}
