import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ServerProcess } from '../support/server-process.ts';
import { poll, remoteRequests, screenshot } from './support/browser.ts';
import { EMAIL_CHANGE } from './support/dataset.ts';
import { browserSession, ingest, searchApi } from './support/vigil.ts';

interface Hit {
  id: string;
  privx?: { modifications?: { old?: string; new?: string }[] };
}

const PRIVX = readFileSync(new URL('../fixtures/vendor/privx.ndjson', import.meta.url), 'utf8');

describe('event page (real browser)', () => {
  const session = browserSession(async (server: ServerProcess) => {
    await ingest(server, 'privx', PRIVX);
  });

  it('shows an authentik model_updated change as old -> new, the fields, the raw record and a pin', async () => {
    const { hits } = await searchApi<{ hits: Hit[] }>(session.server, {
      q: 'event.action:model_updated',
      from: 'now-7d',
    });
    expect(hits).toHaveLength(1);
    const { page } = session.tab;
    await page.goto(`${session.server.url}/events/${hits[0]?.id}`);
    const row = page.getByTestId('change-row');
    await poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain('email');
    expect(await row.getByTestId('change-old').textContent()).toContain(EMAIL_CHANGE.old);
    expect(await row.getByTestId('change-new').textContent()).toContain(EMAIL_CHANGE.new);
    expect(await page.locator('tr[data-field="user.name"]').textContent()).toContain('akadmin');
    expect(await page.getByTestId('raw-original').textContent()).toContain('"model_updated"');
    expect(await page.getByTestId('mini-map').isVisible()).toBe(true);
    await poll(() => page.locator('[data-testid="mini-map"] path').count()).toBeGreaterThan(100);
    await screenshot(page, 'event-authentik-diff');
  });

  it('shows PrivX modifications as old -> new', async () => {
    const { hits } = await searchApi<{ hits: Hit[] }>(session.server, {
      q: 'event.code:802',
      from: '2025-12-31T00:00:00Z',
      to: '2026-01-02T00:00:00Z',
    });
    const renamed = hits.find((hit) => hit.privx?.modifications?.some((change) => change.new === 'new-user'));
    if (!renamed) throw new Error('the PrivX fixture has no old-user -> new-user modification');
    const { page } = session.tab;
    await page.goto(`${session.server.url}/events/${renamed.id}`);
    const rows = page.getByTestId('change-row');
    await poll(() => rows.count()).toBe(3);
    const principal = rows.filter({ hasText: 'Principals.0.Principal' });
    expect(await principal.getByTestId('change-old').textContent()).toContain('old-user');
    expect(await principal.getByTestId('change-new').textContent()).toContain('new-user');
    expect(await rows.filter({ hasText: 'Principals.0.Roles.0.Name' }).textContent()).toMatch(/admin[\s\S]*auditor/);
    await screenshot(page, 'event-privx-diff');
  });

  it('searches for a value of the event', async () => {
    const { hits } = await searchApi<{ hits: Hit[] }>(session.server, {
      q: 'event.action:model_updated',
      from: 'now-7d',
    });
    const { page } = session.tab;
    await page.goto(`${session.server.url}/events/${hits[0]?.id}`);
    await page.getByRole('link', { name: 'Search for user.name: akadmin' }).click();
    await poll(() => new URL(page.url()).searchParams.get('q')).toBe('user.name:akadmin');
    await poll(() => page.getByTestId('hit-count').textContent()).toBe('1');
  });

  it('made no request that left the machine', () => {
    expect(remoteRequests(session.tab.requests)).toEqual([]);
    expect(session.tab.errors).toEqual([]);
  });
});
