import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../src/server/app';
import { type Db, createDb, createPool } from '../../src/server/db/connect';
import { STALE_VERSION_MESSAGE } from '../../src/server/http/errors';
import type { App } from '../../src/server/http/types';
import { Client, loggedIn } from '../helpers/app';
import { type TestDatabase, createTestDatabase } from '../helpers/database';
import { type TestTree, TEST_PASSWORD, createAccount, createTree } from '../helpers/factories';

/*
 * Two app servers on one PostgreSQL, as behind a load balancer: each has its own process state and its
 * own connection pool; everything they share is in the database. A request may land on either.
 */
let database: TestDatabase;
let dbB: Db;
let appA: App;
let appB: App;
let tree: TestTree;

beforeAll(async () => {
  database = await createTestDatabase();
  // Server B gets a pool of its own, as a second process would.
  dbB = createDb(createPool(database.url, 10));
  appA = await buildApp({ db: database.db, database: inject('pgKind') });
  appB = await buildApp({ db: dbB, database: inject('pgKind') });
  tree = await createTree(database.db);
});

afterAll(async () => {
  await appA?.close();
  await appB?.close();
  await dbB?.destroy();
  await database?.drop();
});

/** The same browser (the same cookie) talking to the other server. */
const onServer = (app: App, client: Client) => new Client(app, client.sessionCookie);

describe('two app servers on one database', () => {
  it('share sessions: a login on A is a session on B', async () => {
    const officer = await createAccount(database.db, { role: 'province_officer', scope: tree.province });
    const onA = await loggedIn(appA, officer);
    const onB = onServer(appB, onA);
    const me = await onB.get('/api/auth/me');
    expect(me.status, JSON.stringify(me.body)).toBe(200);
    expect(me.body.username).toBe(officer.username);
  });

  it('share data: a write on A is read on B, and the other way round', async () => {
    const onA = await loggedIn(appA, await createAccount(database.db, { role: 'province_officer', scope: tree.province }));
    const onB = onServer(appB, onA);
    const created = await onA.post('/api/units', { parentId: tree.dinhBang.id, name: 'Chi bộ khu phố Hai', kind: 'cell' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const read = await onB.get(`/api/units/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body.name).toBe('Chi bộ khu phố Hai');
    const renamed = await onB.patch(`/api/units/${created.body.id}`, { version: read.body.version, name: 'Chi bộ khu phố Ba' });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    const again = await onA.get(`/api/units/${created.body.id}`);
    expect(again.body).toMatchObject({ name: 'Chi bộ khu phố Ba', version: read.body.version + 1 });
    // The counts kept by triggers moved for the write made through A, whichever server reads them.
    const parentOnB = await onB.get(`/api/units/${tree.dinhBang.id}`);
    const parentOnA = await onA.get(`/api/units/${tree.dinhBang.id}`);
    expect(parentOnB.body).toEqual(parentOnA.body);
  });

  it('refuse the second of two edits made through A and B on the same version (409), one after the other and at once', async () => {
    const officerA = await loggedIn(appA, await createAccount(database.db, { role: 'province_officer', scope: tree.province }));
    const officerB = await loggedIn(appB, await createAccount(database.db, { role: 'district_officer', scope: tree.tuSon }));
    const unit = tree.cellA.id;

    const readA = await officerA.get(`/api/units/${unit}`);
    const readB = await officerB.get(`/api/units/${unit}`);
    expect(readB.body.version).toBe(readA.body.version);
    const first = await officerA.patch(`/api/units/${unit}`, { version: readA.body.version, name: 'Chi bộ khu phố Đình (A)' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    const second = await officerB.patch(`/api/units/${unit}`, { version: readB.body.version, name: 'Chi bộ khu phố Đình (B)' });
    expect(second.status).toBe(409);
    expect(second.body).toMatchObject({ error: 'conflict', message: STALE_VERSION_MESSAGE });
    expect((await officerB.get(`/api/units/${unit}`)).body.name).toBe('Chi bộ khu phố Đình (A)');

    // Both at the same moment: exactly one wins, the other is told to reload; nothing is overwritten silently.
    const current = (await officerA.get(`/api/units/${unit}`)).body.version as number;
    const raced = await Promise.all([
      officerA.patch(`/api/units/${unit}`, { version: current, name: 'Chi bộ khu phố Đình (A2)' }),
      officerB.patch(`/api/units/${unit}`, { version: current, name: 'Chi bộ khu phố Đình (B2)' }),
    ]);
    expect(raced.map((r) => r.status).sort()).toEqual([200, 409]);
    const winner = raced.find((r) => r.status === 200);
    const final = await officerB.get(`/api/units/${unit}`);
    expect(final.body).toMatchObject({ name: winner?.body.name, version: current + 1 });
    const audits = await database.db
      .selectFrom('audit_log')
      .select('after')
      .where('entity_type', '=', 'unit')
      .where('entity_id', '=', unit)
      .where('action', '=', 'unit.update')
      .execute();
    // One audit entry per accepted edit: A's first edit and the race's winner.
    expect(audits).toHaveLength(2);
  });

  it('end a session everywhere at logout: logged out through B, the cookie is refused on A at once', async () => {
    const onA = await loggedIn(appA, await createAccount(database.db, { role: 'grassroots_officer', scope: tree.dinhBang }));
    const onB = onServer(appB, onA);
    expect((await onA.get('/api/auth/me')).status).toBe(200);
    expect((await onB.post('/api/auth/logout')).status).toBe(204);
    const after = await onA.get('/api/auth/me');
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('unauthorized');
  });

  it('count failed logins together: the per-account limit cannot be dodged by switching servers', async () => {
    const target = await createAccount(database.db, { role: 'cell_secretary', scope: tree.cellA });
    for (const app of [appA, appB, appA, appB, appA]) {
      const failed = await new Client(app).login(target.username, 'SaiMatKhau2012');
      expect(failed.status).toBe(401);
    }
    // The sixth attempt, even with the right password and on either server, is refused.
    expect((await new Client(appB).login(target.username, TEST_PASSWORD)).status).toBe(429);
    expect((await new Client(appA).login(target.username, TEST_PASSWORD)).status).toBe(429);
  });
});

/*
 * Sessions are looked up in PostgreSQL on every request, without an in-process cache: a revoked
 * session must stop working on every server at the next request, not when a cache expires.
 */
describe('revocation is immediate on every server (no session cache)', () => {
  it('disabling an account through A ends its session on B at the next request', async () => {
    const admin = await loggedIn(appA, await createAccount(database.db, { role: 'province_officer', scope: tree.province }));
    const target = await createAccount(database.db, { role: 'district_officer', scope: tree.tuSon });
    const targetOnB = await loggedIn(appB, target);
    // Warm: B has just served this session.
    expect((await targetOnB.get('/api/auth/me')).status).toBe(200);
    expect((await targetOnB.get(`/api/units/${tree.tuSon.id}`)).status).toBe(200);

    const { version } = await database.db.selectFrom('account').select('version').where('id', '=', target.id).executeTakeFirstOrThrow();
    const disabled = await admin.patch(`/api/accounts/${target.id}`, { version, disabled: true });
    expect(disabled.status, JSON.stringify(disabled.body)).toBe(200);

    const refused = await targetOnB.get(`/api/units/${tree.tuSon.id}`);
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe('unauthorized');
    // And the same cookie on A too; logging in again is refused.
    expect((await onServer(appA, targetOnB).get('/api/auth/me')).status).toBe(401);
    expect((await new Client(appB).login(target.username, target.password)).status).toBe(401);
  });

  it('logging out on A ends the session on B at the next request, right after B served it', async () => {
    const onA = await loggedIn(appA, await createAccount(database.db, { role: 'province_officer', scope: tree.province }));
    const onB = onServer(appB, onA);
    expect((await onB.get(`/api/units/${tree.province.id}`)).status).toBe(200);
    expect((await onA.post('/api/auth/logout')).status).toBe(204);
    expect((await onB.get(`/api/units/${tree.province.id}`)).status).toBe(401);
  });

  it('a password change through A signs the other devices out on B at once, keeping the changing one', async () => {
    const account = await createAccount(database.db, { role: 'grassroots_officer', scope: tree.dinhBang });
    const phoneOnA = await loggedIn(appA, account);
    const laptopOnB = await loggedIn(appB, account);
    expect((await laptopOnB.get('/api/auth/me')).status).toBe(200);
    const changed = await phoneOnA.post('/api/auth/password', { currentPassword: account.password, newPassword: 'MatKhauMoi@2012' });
    expect(changed.status, JSON.stringify(changed.body)).toBe(204);
    expect((await laptopOnB.get('/api/auth/me')).status).toBe(401);
    expect((await onServer(appB, phoneOnA).get('/api/auth/me')).status).toBe(200);
  });
});
