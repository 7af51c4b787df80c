import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GENESIS_HASH, Register } from '../../activities/register';

let dir: string;
let path: string;
let register: Register;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convention-register-'));
  path = join(dir, 'register.sqlite');
  register = new Register(path);
});
afterEach(() => {
  register.close();
  rmSync(dir, { recursive: true, force: true });
});

const entry = (n: number, conventionId = 'camino-2020') => ({
  idempotencyKey: `convention-${conventionId}/run/register/${n}`,
  conventionId,
  kind: 'sign',
  actor: 'dgaln.representant@example.org',
  payload: { party: 'DGALN', n },
  at: `2021-03-0${n}T10:00:00.000Z`,
});

describe('the decision register', () => {
  it('chains each entry to the previous one of the same convention', () => {
    const first = register.append(entry(1));
    register.append(entry(1, 'other-2021'));
    const second = register.append(entry(2));
    expect(first).toMatchObject({
      seq: 1,
      prevHash: GENESIS_HASH,
      kind: 'sign',
      payload: { party: 'DGALN', n: 1 },
    });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(register.entries('camino-2020').map((e) => e.seq)).toEqual([1, 2]);
    expect(register.verify('camino-2020')).toEqual({ ok: true, entries: 2 });
  });

  it('writes an entry once, however often the activity is retried', () => {
    const once = register.append(entry(1));
    const again = register.append(entry(1));
    expect(again).toEqual(once);
    expect(register.entries('camino-2020')).toHaveLength(1);
  });

  it('refuses updates and deletes through SQL', () => {
    register.append(entry(1));
    const db = new Database(path);
    expect(() => db.prepare("UPDATE register SET actor = 'x'").run()).toThrow(
      'the decision register is append-only',
    );
    expect(() => db.prepare('DELETE FROM register').run()).toThrow('the decision register is append-only');
    db.close();
  });

  it('detects a row edited in the database file behind its back', () => {
    for (const n of [1, 2, 3]) register.append(entry(n));
    register.close();
    // Someone with write access to the file drops the guard and changes who signed.
    const db = new Database(path);
    db.exec('DROP TRIGGER register_no_update');
    db.prepare("UPDATE register SET actor = 'intrus@example.org' WHERE seq = 2").run();
    db.close();
    register = new Register(path);
    expect(register.verify('camino-2020')).toEqual({
      ok: false,
      entries: 3,
      brokenAt: 2,
      problem: 'changed',
      reason: 'its content was changed after it was written',
    });
  });

  it('detects a deleted row in the middle of the chain', () => {
    for (const n of [1, 2, 3]) register.append(entry(n));
    register.close();
    const db = new Database(path);
    db.exec('DROP TRIGGER register_no_delete');
    db.prepare('DELETE FROM register WHERE seq = 2').run();
    db.close();
    register = new Register(path);
    expect(register.verify('camino-2020')).toMatchObject({
      ok: false,
      brokenAt: 3,
      problem: 'missing',
      reason: 'entry 2 is missing',
    });
  });

  it('records a reset: the decisions past its point superseded, kept in the chain, once', () => {
    const chain = 'convention-camino-2020/run-1';
    const decision = (key: string, party: string) => ({
      ...entry(1),
      idempotencyKey: `${chain}/${key}`,
      payload: { party },
    });
    register.append(decision('register/1', 'SG'));
    register.append(decision('register/2', 'DGALN'));
    register.append(decision('register/3', 'DGPR'));
    // The same convention started afresh later: a chain of its own, which no reset of the first touches.
    register.append({
      ...decision('register/1', 'SG'),
      idempotencyKey: 'convention-camino-2020/run-9/register/1',
    });
    const reset = {
      idempotencyKey: `${chain}/reset/abc`,
      conventionId: 'camino-2020',
      chain,
      after: 1,
      run: 'run-2',
      at: '2021-03-05T10:00:00.000Z',
    };
    expect(register.recordReset(reset)).toMatchObject({
      seq: 5,
      kind: 'reset',
      actor: 'temporal',
      payload: { run: 'run-2', after: 1, supersedes: [2, 3] },
    });
    expect(register.recordReset(reset).seq).toBe(5);
    register.append(decision('reset/abc/register/2', 'DINUM'));
    // A second reset, to before the first: what the first kept and what came after it.
    register.recordReset({ ...reset, idempotencyKey: `${chain}/reset/def`, after: 0, run: 'run-3' });

    expect(
      register.entries('camino-2020').map((e) => [e.seq, e.kind, e.payload.party, e.supersededBy]),
    ).toEqual([
      [1, 'sign', 'SG', 7],
      [2, 'sign', 'DGALN', 5],
      [3, 'sign', 'DGPR', 5],
      [4, 'sign', 'SG', undefined],
      [5, 'reset', undefined, undefined],
      [6, 'sign', 'DINUM', 7],
      [7, 'reset', undefined, undefined],
    ]);
    expect(register.entries('camino-2020')[6]!.payload.supersedes).toEqual([1, 6]);
    expect(register.decisions('camino-2020').map((e) => e.seq)).toEqual([4]);
    expect(register.verify('camino-2020')).toEqual({ ok: true, entries: 7 });
    // Read for every convention at once, by kind: the same standing decision.
    register.append({ ...entry(1, 'other-2021'), kind: 'publish' });
    const standing = register.decisionsOfKinds(['sign']);
    expect([...standing.keys()]).toEqual(['camino-2020']);
    expect(standing.get('camino-2020')!.map((e) => [e.seq, e.payload.party])).toEqual([[4, 'SG']]);
  });

  it('keeps the log of emails: attempts, then the outcome', () => {
    const email = {
      idempotencyKey: 'k1',
      conventionId: 'camino-2020',
      kind: 'signature-request',
      recipients: ['a@example.org'],
      messageId: '<k1@example.org>',
    };
    expect(register.emailState('k1')).toBeUndefined();
    register.emailAttempt(email);
    register.emailAttempt(email);
    expect(register.emailState('k1')).toBe('sending');
    register.emailOutcome('k1', 'sent');
    expect(register.emailState('k1')).toBe('sent');
    const row = new Database(path).prepare('SELECT attempts, recipients FROM sent_emails').get();
    expect(row).toEqual({ attempts: 2, recipients: 'a@example.org' });
  });

  it("lists every convention's emails sent of some kinds, by series, in one read", () => {
    const send = (key: string, conventionId: string, kind: string, outcome?: 'sent' | 'rejected') => {
      register.emailAttempt({ idempotencyKey: key, conventionId, kind, recipients: [], messageId: key });
      if (outcome) register.emailOutcome(key, outcome);
    };
    send('convention-a/run/signature-reminder:SG#1', 'a', 'signature-reminder', 'sent');
    send('convention-a/run/signature-reminder:SG#2', 'a', 'signature-reminder');
    send('convention-b/run/report-overdue:2020-03#1', 'b', 'report-overdue', 'rejected');
    send('convention-b/run/publication-reminder#3', 'b', 'publication-reminder', 'sent');
    send('convention-b/run/signature-request:SG#1', 'b', 'signature-request', 'sent');
    const sent = register.emailsSent(['signature-reminder', 'report-overdue', 'publication-reminder']);
    expect([...sent.entries()].map(([id, emails]) => [id, emails.map((e) => e.series)])).toEqual([
      ['a', ['signature-reminder:SG']],
      ['b', ['publication-reminder']],
    ]);
  });

  it('keeps the latest statistics facts of each convention, whatever order the writes come in', () => {
    const facts = (state: 'signing' | 'in-force') => ({
      startedAt: '2021-03-01T10:00:00.000Z',
      stateChanges: [{ to: state, at: '2021-03-01T10:00:00.000Z' }],
      reports: [],
      committees: [],
      allocatedAe: '100.00',
      horizon: '2022-03-01',
    });
    const write = (state: 'signing' | 'in-force', at: string, registerSeq: number) =>
      register.keepStats({ conventionId: 'camino-2020', facts: facts(state), at, registerSeq });
    write('in-force', '2021-03-02T10:00:00.000Z', 5);
    // Late writes: an earlier instant, or the same instant with fewer decisions behind it.
    write('signing', '2021-03-01T10:00:00.000Z', 9);
    write('signing', '2021-03-02T10:00:00.000Z', 4);
    const state = () => register.keptStats().map((row) => [row.conventionId, row.facts.stateChanges[0]!.to]);
    expect(state()).toEqual([['camino-2020', 'in-force']]);
    // After a reset: fewer decisions, but later.
    write('signing', '2021-03-03T10:00:00.000Z', 3);
    expect(state()).toEqual([['camino-2020', 'signing']]);
  });
});
