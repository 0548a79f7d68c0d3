import { beforeAll, describe, expect, it } from 'vitest';
import { campaignListSchema, campaignSchema } from '../../src/shared/schemas/campaigns';
import { type Client, type TestContext, databaseFingerprint, loggedIn, setupApp } from '../helpers/app';
import { type TestTree, createAccount, createTree } from '../helpers/factories';

let ctx: TestContext;
let tree: TestTree;
let province: Client;
let district: Client;

beforeAll(async () => {
  ctx = await setupApp();
  tree = await createTree(ctx.db);
  province = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'province_officer', scope: tree.province }));
  district = await loggedIn(ctx.app, await createAccount(ctx.db, { role: 'district_officer', scope: tree.tuSon }));
});

describe('campaigns', () => {
  let id: number;

  it('are defined by a province officer and seen by everyone below', async () => {
    const created = await province.post('/api/campaigns', { name: 'Học tập và làm theo tấm gương đạo đức Hồ Chí Minh', startYear: 2011, endYear: 2016 });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    id = campaignSchema.parse(created.body).id;
    const seen = campaignListSchema.parse((await district.get('/api/campaigns')).body);
    expect(seen.items.map((c) => c.name)).toEqual(['Học tập và làm theo tấm gương đạo đức Hồ Chí Minh']);
    expect(seen.can).toEqual({ create: false, edit: false });
    expect(campaignListSchema.parse((await province.get('/api/campaigns')).body).can).toEqual({ create: true, edit: true });
    const audit = await ctx.db.selectFrom('audit_log').select('action').where('entity_type', '=', 'campaign').where('entity_id', '=', id).execute();
    expect(audit.map((a) => a.action)).toEqual(['campaign.create']);
  });

  it('refuses reversed years, a district officer, and a stale version, changing nothing', async () => {
    const before = await databaseFingerprint(ctx.db);
    const reversed = await province.post('/api/campaigns', { name: 'Cuộc vận động thử', startYear: 2016, endYear: 2011 });
    expect(reversed.status).toBe(400);
    expect(reversed.body.details[0].message).toMatch(/Năm kết thúc không được trước năm bắt đầu/u);
    const byDistrict = await district.post('/api/campaigns', { name: 'Cuộc vận động thử', startYear: 2011, endYear: 2012 });
    expect(byDistrict.status).toBe(403);
    const updated = await province.patch(`/api/campaigns/${id}`, { version: 1, endYear: 2021 });
    expect(updated.status).toBe(200);
    const after = await databaseFingerprint(ctx.db);
    expect(after).not.toBe(before);
    const stale = await province.patch(`/api/campaigns/${id}`, { version: 1, endYear: 2030 });
    expect(stale.status).toBe(409);
    const reversedUpdate = await province.patch(`/api/campaigns/${id}`, { version: 2, startYear: 2025 });
    expect(reversedUpdate.status).toBe(400);
    expect(await databaseFingerprint(ctx.db)).toBe(after);
  });
});
