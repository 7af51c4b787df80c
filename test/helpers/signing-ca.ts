import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// A certification authority of the tests, made by the `openssl` CLI in a temporary folder (as a
// real CA's certificates are: nothing of ours writes them). `openssl ca` rather than `x509 -req`:
// only it takes the dates of a certificate, and an expired one is a case to test.

export interface TestCa {
  name: string;
  folder: string;
  certificatePem: string;
}

export interface TestSigner {
  certificatePem: string;
  /** PKCS#8, PEM: what a Signer of ours imports into WebCrypto. */
  privateKeyPem: string;
  /** The key, its certificate and its CAs', as a signing tool takes them (password `test`). */
  p12: Buffer;
  key: 'rsa' | 'ecdsa';
}

const openssl = (args: string[], folder: string) =>
  execFileSync('openssl', args, { cwd: folder, stdio: ['ignore', 'pipe', 'pipe'] });

const newKey = (key: TestSigner['key']) =>
  key === 'rsa'
    ? ['-newkey', 'rsa:2048']
    : ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-pkeyopt', 'ec_param_enc:named_curve'];

/** A folder for CAs, removed by `removeTestFolder`. */
export const makeTestFolder = () => mkdtempSync(join(tmpdir(), 'proof-ca-'));
export const removeTestFolder = (folder: string) => rmSync(folder, { recursive: true, force: true });

/**
 * A CA named `name` in its own subfolder of `parent`, with what `openssl ca` keeps: a root, or an
 * intermediate CA of `issuer`. Its `chain.pem` holds its certificate and its issuers', as a signing
 * tool carries them.
 */
export function makeTestCa(parent: string, name: string, issuer?: TestCa): TestCa {
  const folder = join(parent, name);
  mkdirSync(join(folder, 'issued'), { recursive: true });
  writeFileSync(join(folder, 'index.txt'), '');
  writeFileSync(join(folder, 'serial'), '1000\n');
  writeFileSync(
    join(folder, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test_ca',
      '[test_ca]',
      `database = ${join(folder, 'index.txt')}`,
      `new_certs_dir = ${join(folder, 'issued')}`,
      `serial = ${join(folder, 'serial')}`,
      'default_md = sha256',
      'policy = any_name',
      'unique_subject = no',
      'email_in_dn = yes',
      '[any_name]',
      'commonName = supplied',
      'emailAddress = optional',
      '',
    ].join('\n'),
  );
  const caExtensions = ['basicConstraints=critical,CA:TRUE', 'keyUsage=critical,keyCertSign,cRLSign'];
  if (issuer) {
    writeFileSync(join(folder, 'ca.ext'), ['[intermediate]', ...caExtensions, ''].join('\n'));
    openssl(
      [
        'req',
        '-new',
        '-nodes',
        ...newKey('rsa'),
        '-keyout',
        'ca.key',
        '-out',
        'ca.csr',
        '-subj',
        `/CN=${name}`,
      ],
      folder,
    );
    openssl(
      [
        'ca', '-batch', '-utf8', '-notext', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key', '-days', '3650',
        '-in', join(folder, 'ca.csr'), '-out', join(folder, 'ca.pem'), '-extfile', join(folder, 'ca.ext'), '-extensions', 'intermediate',
      ], // prettier-ignore
      issuer.folder,
    );
  } else
    openssl(
      [
        'req', '-x509', '-nodes', '-utf8', ...newKey('rsa'), '-keyout', 'ca.key', '-out', 'ca.pem', '-days', '3650',
        '-subj', `/CN=${name}`, ...caExtensions.flatMap((extension) => ['-addext', extension]),
      ], // prettier-ignore
      folder,
    );
  const certificatePem = readFileSync(join(folder, 'ca.pem'), 'utf8');
  writeFileSync(
    join(folder, 'chain.pem'),
    issuer ? certificatePem + readFileSync(join(issuer.folder, 'chain.pem')) : certificatePem,
  );
  return { name, folder, certificatePem };
}

let issued = 0;

/**
 * A signer's certificate from `ca`: its common name, its e-mail address in the subject alternative
 * name when given, valid now for a year unless `valid` gives its dates (YYYYMMDDHHMMSSZ), for
 * signing unless `usage` says encryption (its keyUsage).
 */
export function issueTestSigner(
  ca: TestCa,
  {
    commonName,
    email,
    key,
    valid,
    usage = 'signing',
  }: {
    commonName: string;
    email?: string;
    key: TestSigner['key'];
    valid?: { from: string; to: string };
    usage?: 'signing' | 'encryption';
  },
): TestSigner {
  const base = `signer-${++issued}`;
  const extensions = [
    '[signer]',
    'basicConstraints = critical, CA:FALSE',
    `keyUsage = critical, ${usage === 'encryption' ? 'keyEncipherment' : 'digitalSignature, nonRepudiation'}`,
    ...(email ? [`subjectAltName = email:${email}`] : []),
    '',
  ].join('\n');
  writeFileSync(join(ca.folder, `${base}.ext`), extensions);
  openssl(
    [
      'req',
      '-new',
      '-nodes',
      '-utf8',
      ...newKey(key),
      '-keyout',
      `${base}.key`,
      '-out',
      `${base}.csr`,
      '-subj',
      `/CN=${commonName}`,
    ],
    ca.folder,
  );
  openssl(
    [
      'ca', '-batch', '-utf8', '-notext', '-config', 'ca.cnf', '-cert', 'ca.pem', '-keyfile', 'ca.key',
      '-in', `${base}.csr`, '-out', `${base}.pem`, '-extfile', `${base}.ext`, '-extensions', 'signer',
      ...(valid ? ['-startdate', valid.from, '-enddate', valid.to] : ['-days', '365']),
    ], // prettier-ignore
    ca.folder,
  );
  // 3DES and SHA-1 for the PKCS#12: what node-forge (in @signpdf/signer-p12) reads.
  openssl(
    [
      'pkcs12', '-export', '-inkey', `${base}.key`, '-in', `${base}.pem`, '-certfile', 'chain.pem',
      '-out', `${base}.p12`, '-passout', 'pass:test', '-keypbe', 'PBE-SHA1-3DES', '-certpbe', 'PBE-SHA1-3DES', '-macalg', 'sha1',
    ], // prettier-ignore
    ca.folder,
  );
  const read = (suffix: string) => readFileSync(join(ca.folder, `${base}${suffix}`));
  return {
    certificatePem: read('.pem').toString('utf8'),
    privateKeyPem: openssl(['pkey', '-in', `${base}.key`], ca.folder).toString('utf8'),
    p12: read('.p12'),
    key,
  };
}
