import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AUDIT_ACTION_LABELS, AUDIT_ENTITY_LABELS } from '../../src/shared/schemas/audit';

/** Every audit action and entity type the server writes, read from its source. */
function written(pattern: RegExp): Set<string> {
  const found = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else if (file.endsWith('.ts')) for (const match of fs.readFileSync(file, 'utf8').matchAll(pattern)) found.add(match[1] as string);
    }
  };
  walk(path.resolve('src/server'));
  return found;
}

describe('the audit page speaks Vietnamese for everything the server records', () => {
  it('has a label for every action', () => {
    const actions = written(/action: '([a-z_]+\.[a-z_]+)'/gu);
    expect(actions.size).toBeGreaterThan(20);
    expect([...actions].filter((a) => !(a in AUDIT_ACTION_LABELS))).toEqual([]);
  });

  it('has a label for every entity type', () => {
    const types = written(/entityType: '([a-z_]+)'/gu);
    expect([...types].filter((t) => !(t in AUDIT_ENTITY_LABELS))).toEqual([]);
  });
});
