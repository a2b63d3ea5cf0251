import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface TestCertificates {
  dir: string;
  /** PEM file paths, as an operator would set them in TEMPORAL_TLS_* variables. */
  caCertPath: string;
  serverCertPath: string;
  serverKeyPath: string;
  clientCertPath: string;
  clientKeyPath: string;
  read(file: string): Buffer;
}

/**
 * A throwaway CA with a server certificate for `serverName` and a client certificate, made with the
 * `openssl` command (as an operator would). EC P-256 keys, v3 extensions, valid for one day.
 */
export function makeTestCertificates(serverName: string): TestCertificates {
  const dir = mkdtempSync(path.join(tmpdir(), 'hookflow-tls-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  const key = (name: string) =>
    openssl('genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', file(name));

  key('ca.key');
  openssl(
    'req',
    '-x509',
    '-new',
    '-key',
    file('ca.key'),
    '-days',
    '1',
    '-subj',
    '/CN=Hookflow test CA',
    '-out',
    file('ca.pem'),
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
  const issue = (name: string, subject: string, extensions: string) => {
    key(`${name}.key`);
    openssl('req', '-new', '-key', file(`${name}.key`), '-subj', subject, '-out', file(`${name}.csr`));
    writeFileSync(file(`${name}.ext`), extensions);
    openssl(
      'x509',
      '-req',
      '-in',
      file(`${name}.csr`),
      '-CA',
      file('ca.pem'),
      '-CAkey',
      file('ca.key'),
      '-CAcreateserial',
      '-days',
      '1',
      '-extfile',
      file(`${name}.ext`),
      '-out',
      file(`${name}.pem`),
    );
  };
  issue(
    'server',
    `/CN=${serverName}`,
    `basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=DNS:${serverName}\n`,
  );
  issue(
    'client',
    '/CN=hookflow-worker',
    'basicConstraints=CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=clientAuth\n',
  );

  return {
    dir,
    caCertPath: file('ca.pem'),
    serverCertPath: file('server.pem'),
    serverKeyPath: file('server.key'),
    clientCertPath: file('client.pem'),
    clientKeyPath: file('client.key'),
    read: (name) => readFileSync(name),
  };
}
