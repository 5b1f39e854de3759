import { describe, expect, it } from 'vitest';
import { changeSets } from './changes.ts';

describe('change diffs', () => {
  it('reads authentik field changes and many-to-many changes', () => {
    const sets = changeSets({
      authentik: {
        changes: [
          { field: 'email', old: 'a@x', new: 'b@x' },
          { field: 'name', new: 'Grafana' },
          { field: 'launch_url', old: '', new: 'https://x/' },
          { field: 'is_active', old: true },
          { field: 'groups', added: [3, 4], removed: [1] },
          { field: 'roles', cleared: true },
          'not an object',
        ],
      },
    });
    expect(sets).toHaveLength(1);
    expect(sets[0]?.path).toBe('authentik.changes');
    expect(sets[0]?.rows).toEqual([
      { field: 'email', kind: 'modified', old: 'a@x', new: 'b@x' },
      { field: 'name', kind: 'added', new: 'Grafana' },
      { field: 'launch_url', kind: 'added', old: '', new: 'https://x/' },
      { field: 'is_active', kind: 'removed', old: 'true' },
      { field: 'groups', kind: 'removed', old: '1' },
      { field: 'groups', kind: 'added', new: '3' },
      { field: 'groups', kind: 'added', new: '4' },
      { field: 'roles', kind: 'cleared' },
    ]);
  });

  it('reads PrivX modifications with their declared change', () => {
    const sets = changeSets({
      privx: {
        modifications: [
          { field: 'Principals.0.Principal', old: 'old-user', new: 'new-user', change: 'modified' },
          { field: 'Principals.1.Principal', new: 'deploy', change: 'added' },
          { field: 'Principals.0.Roles', old: { id: 1 }, change: 'removed' },
        ],
      },
    });
    expect(sets[0]?.vendor).toBe('privx');
    expect(sets[0]?.rows).toEqual([
      { field: 'Principals.0.Principal', kind: 'modified', old: 'old-user', new: 'new-user' },
      { field: 'Principals.1.Principal', kind: 'added', new: 'deploy' },
      { field: 'Principals.0.Roles', kind: 'removed', old: '{"id":1}' },
    ]);
  });

  it('finds nothing in events without changes', () => {
    expect(changeSets({ event: { action: 'login' } })).toEqual([]);
    expect(changeSets({ privx: { modifications_raw: '{not-json' } })).toEqual([]);
  });
});
