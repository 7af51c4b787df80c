import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSettings, temporalConnectionOptions } from '../../config';
import { cacheSizeFor, MIB_PER_CACHED_CONVENTION } from '../../worker/worker';
import { issueTestSigner, makeTestCa } from '../helpers/signing-ca';

const dir = mkdtempSync(join(tmpdir(), 'convention-config-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Temporal settings from the environment', () => {
  it('defaults to a local server without TLS', () => {
    const settings = loadSettings({});
    expect(settings).toMatchObject({
      TEMPORAL_ADDRESS: 'localhost:7233',
      TEMPORAL_NAMESPACE: 'default',
      TEMPORAL_TASK_QUEUE: 'conventions',
    });
    expect(temporalConnectionOptions(settings)).toEqual({
      address: 'localhost:7233',
      apiKey: undefined,
      tls: undefined,
    });
  });

  it('turns TLS on for Temporal Cloud with an API key', () => {
    const settings = loadSettings({
      TEMPORAL_ADDRESS: 'eu-west-3.aws.api.temporal.io:7233',
      TEMPORAL_NAMESPACE: 'conventions.a1b2c',
      TEMPORAL_API_KEY: 'secret',
    });
    expect(temporalConnectionOptions(settings)).toEqual({
      address: 'eu-west-3.aws.api.temporal.io:7233',
      apiKey: 'secret',
      tls: true,
    });
  });

  it('reads an mTLS certificate pair from files', () => {
    writeFileSync(join(dir, 'client.pem'), 'CERT');
    writeFileSync(join(dir, 'client.key'), 'KEY');
    const settings = loadSettings({
      TEMPORAL_TLS_CERT: join(dir, 'client.pem'),
      TEMPORAL_TLS_KEY: join(dir, 'client.key'),
    });
    const tls = temporalConnectionOptions(settings).tls;
    expect(typeof tls === 'object' && tls.clientCertPair?.crt.toString()).toBe('CERT');
    expect(typeof tls === 'object' && tls.clientCertPair?.key.toString()).toBe('KEY');
  });

  it('defaults SMTP to a local mail catcher and the register to .data/', () => {
    expect(loadSettings({})).toMatchObject({
      SMTP_URL: 'smtp://localhost:1025',
      REGISTER_PATH: '.data/register.sqlite',
    });
    expect(() => loadSettings({ SMTP_URL: 'http://mail' })).toThrow(/SMTP_URL: expected smtp:\/\/host:port/);
  });

  it('keeps our data on PostgreSQL only for a postgres:// URL', () => {
    expect(
      loadSettings({ DATABASE_URL: 'postgres://conventions:secret@db:5432/conventions' }).DATABASE_URL,
    ).toBe('postgres://conventions:secret@db:5432/conventions');
    expect(loadSettings({}).DATABASE_URL).toBeUndefined();
    expect(() => loadSettings({ DATABASE_URL: 'mysql://db/conventions' })).toThrow(
      /DATABASE_URL: expected postgres:\/\/user:password@host:port\/database/,
    );
  });

  it('names the variable that is wrong', () => {
    expect(() => loadSettings({ TEMPORAL_TLS: 'yes' })).toThrow(/TEMPORAL_TLS: /);
    expect(() => loadSettings({ TEMPORAL_TLS_CERT: '/a.pem' })).toThrow(
      'TEMPORAL_TLS_CERT and TEMPORAL_TLS_KEY go together',
    );
  });
});

describe('the trust anchors of electronic signatures', () => {
  const ca = makeTestCa(dir, 'AC de test');
  const signer = issueTestSigner(ca, { commonName: 'Jean Martin', key: 'ecdsa' });
  const file = (name: string, text: string) => {
    writeFileSync(join(dir, name), text);
    return join(dir, name);
  };

  it('reads the PEM file of CAs once, at start, and none when unset', () => {
    const anchors = file('anchors.pem', ca.certificatePem);
    expect(loadSettings({ SIGNATURE_TRUST_ANCHORS: anchors }).SIGNATURE_TRUST_ANCHORS).toEqual({
      file: anchors,
      pem: ca.certificatePem,
    });
    expect(loadSettings({}).SIGNATURE_TRUST_ANCHORS).toBeUndefined();
  });

  it('stops on a file missing, without a certificate, damaged or holding a signer’s, naming the setting', () => {
    for (const anchors of [
      join(dir, 'missing.pem'),
      file('empty.pem', 'not a certificate'),
      file('damaged.pem', '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n'),
      file('signer.pem', `${ca.certificatePem}${signer.certificatePem}`),
    ])
      expect(() => loadSettings({ SIGNATURE_TRUST_ANCHORS: anchors }), anchors).toThrow(
        /SIGNATURE_TRUST_ANCHORS: expected a PEM file of CA certificates/,
      );
  });
});

describe('the worker cache, sized from the memory given to the worker', () => {
  it('holds as many conventions as the memory beyond the base takes at their measured size', () => {
    expect(loadSettings({ WORKER_MEMORY_MIB: '1324' }).WORKER_MEMORY_MIB).toBe(1324);
    // 1 GiB beyond the base: over 2 000 conventions (2 925 at 0.35 MiB), against the SDK's 600.
    expect(cacheSizeFor(1324, 4096)).toBe(Math.floor(1024 / MIB_PER_CACHED_CONVENTION));
    expect(cacheSizeFor(1324, 4096)).toBeGreaterThan(2_000);
  });

  it('never sizes past the V8 heap limit, whatever memory is given', () => {
    expect(cacheSizeFor(16_000, 4096)).toBe(cacheSizeFor(4096, 4096));
    expect(cacheSizeFor(100, 4096)).toBe(2);
  });

  it('refuses a memory too small to run a worker, naming the setting', () => {
    expect(() => loadSettings({ WORKER_MEMORY_MIB: '64' })).toThrow(/WORKER_MEMORY_MIB: /);
  });
});
