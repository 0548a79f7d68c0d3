import { describe, expect, it } from 'vitest';
import { ALLOWED_CHILD_KINDS } from '../../src/shared/domain/units';
import { buildDemo } from '../../src/server/demo/generate';

describe('the Bắc Ninh 2012 demo province', () => {
  const demo = buildDemo();

  it('is the same on every machine', () => {
    const again = buildDemo();
    expect(again.units).toEqual(demo.units);
    expect(again.members.slice(0, 500)).toEqual(demo.members.slice(0, 500));
    expect(again.members.length).toBe(demo.members.length);
  });

  it('has the article\'s structure: 8 district-level and 4 affiliated committees, 126 communes and wards', () => {
    const byKind = (kind: string) => demo.units.filter((u) => u.kind === kind);
    expect(byKind('province_committee')).toHaveLength(1);
    expect(byKind('district_committee').map((u) => u.name)).toEqual([
      'Đảng bộ Thành phố Bắc Ninh',
      'Đảng bộ Thị xã Từ Sơn',
      'Đảng bộ huyện Yên Phong',
      'Đảng bộ huyện Quế Võ',
      'Đảng bộ huyện Tiên Du',
      'Đảng bộ huyện Thuận Thành',
      'Đảng bộ huyện Gia Bình',
      'Đảng bộ huyện Lương Tài',
    ]);
    expect(byKind('affiliated_committee')).toHaveLength(4);
    expect(demo.units.filter((u) => u.sector === 'commune')).toHaveLength(126);
  });

  it('reaches the real order of magnitude: over 1,000 cells and about 50,000 members', () => {
    expect(demo.units.filter((u) => u.size > 0).length).toBeGreaterThan(1000);
    expect(demo.members.length).toBeGreaterThan(40_000);
    expect(demo.members.length).toBeLessThan(70_000);
  });

  it('builds a valid tree: every child kind is allowed under its parent, paths follow ids', () => {
    const byId = new Map(demo.units.map((u) => [u.id, u]));
    for (const unit of demo.units) {
      if (unit.parentId === null) continue;
      const parent = byId.get(unit.parentId);
      expect(parent, unit.name).toBeDefined();
      if (!parent) continue;
      expect(ALLOWED_CHILD_KINDS[parent.kind], `${unit.name} under ${parent.name}`).toContain(unit.kind);
      expect(unit.path).toBe(`${parent.path}.${unit.id}`);
    }
    expect(new Set(demo.units.map((u) => u.code)).size).toBe(demo.units.length);
  });

  it('gives members whole name parts, consistent identity numbers and one secretary per cell', () => {
    for (const member of demo.members.slice(0, 5000)) {
      expect(member.familyName.length).toBeGreaterThan(0);
      expect(member.givenName.length).toBeGreaterThan(0);
      expect(member.idNumber).toMatch(/^(\d{9}|\d{12})$/u);
      if (member.idNumber.length === 12) {
        expect(member.idNumber.slice(4, 6)).toBe(member.birthDate.slice(2, 4));
        expect(Number(member.idNumber[3]) % 2).toBe(member.gender === 'female' ? 1 : 0);
      }
      expect(member.joinedOn > member.birthDate).toBe(true);
    }
    expect(demo.members.some((m) => m.familyName.includes(' '))).toBe(true);
    expect(demo.members.some((m) => m.givenName.includes(' '))).toBe(true);
    const secretaries = demo.positions.filter((p) => p.position === 'secretary');
    const cells = demo.units.filter((u) => u.size > 0);
    for (const cell of cells.slice(0, 200)) expect(secretaries.filter((p) => p.unitId === cell.id)).toHaveLength(1);
    expect(demo.members.filter((m) => m.isKeyLeader).length).toBeGreaterThan(100);
  });
});
