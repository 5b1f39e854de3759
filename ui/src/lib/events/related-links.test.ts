import { describe, expect, it } from 'vitest';
import { relatedLinks, valueSearchHref } from './related-links.ts';
import { eventLocation } from './location.ts';

const AT = '2026-01-01T12:00:00Z';

function params(href: string): URLSearchParams {
  return new URL(href, 'http://x').searchParams;
}

describe('related events', () => {
  it('links the same user, IP and PrivX session within an hour either side', () => {
    const links = relatedLinks({
      '@timestamp': AT,
      user: { name: 'alice smith' },
      source: { ip: '2001:db8::1' },
      privx: { connectionID: 'c-1' },
    });
    expect(links.map((link) => [link.label, link.field])).toEqual([
      ['Same user', 'user.name'],
      ['Same IP', 'source.ip'],
      ['Same session', 'privx.connectionID'],
    ]);
    const user = params(links[0]?.href ?? '');
    expect(user.get('q')).toBe('user.name:"alice smith"');
    expect(user.get('from')).toBe('2026-01-01T11:00:00Z');
    expect(user.get('to')).toBe('2026-01-01T13:00:00Z');
    expect(params(links[1]?.href ?? '').get('q')).toBe('source.ip:"2001:db8::1"');
  });

  it('prefers the session id over the connection id and skips what is missing', () => {
    const links = relatedLinks({ '@timestamp': AT, privx: { sessionID: 's-9', connectionID: 'c-1' } });
    expect(links).toHaveLength(1);
    expect(links[0]?.value).toBe('s-9');
    expect(relatedLinks({ user: { name: 'x' } })).toEqual([]);
  });

  it('searches for one value over a month around the event', () => {
    const href = valueSearchHref('event.code', 802, Date.parse(AT), true);
    expect(params(href).get('q')).toBe('NOT event.code:802');
    expect(params(href).get('from')).toBe('2025-12-17T12:00:00Z');
  });

  it('finds the location to pin', () => {
    expect(
      eventLocation({
        source: { geo: { location: { lat: 52.5, lon: 13.4 }, city_name: 'Berlin', country_name: 'Germany' } },
      }),
    ).toEqual({ lat: 52.5, lon: 13.4, label: 'Berlin, Germany' });
    expect(eventLocation({ source: { geo: { country_iso_code: 'DE' } } })).toBeUndefined();
    expect(eventLocation(undefined)).toBeUndefined();
  });
});
