import { describe, expect, it } from 'vitest';
import { hasPipes, joinQuery, splitPipes } from './split-pipes.ts';

describe('splitPipes', () => {
  it('splits at the first pipe', () => {
    expect(splitPipes('user.name:alice | stats count by source.ip | head 5')).toEqual({
      filter: 'user.name:alice',
      pipes: '| stats count by source.ip | head 5',
    });
  });

  it('keeps a pipe inside a phrase, an escape or a regex in the filter', () => {
    expect(splitPipes('message:"a | b" | top 3 user.name')).toEqual({
      filter: 'message:"a | b"',
      pipes: '| top 3 user.name',
    });
    expect(splitPipes('message:a\\|b')).toEqual({ filter: 'message:a\\|b', pipes: '' });
    expect(splitPipes('url.path:/api|admin/ | head 1')).toEqual({ filter: 'url.path:/api|admin/', pipes: '| head 1' });
  });

  it('answers an empty filter for a query of pipes only', () => {
    expect(splitPipes('| timechart count')).toEqual({ filter: '', pipes: '| timechart count' });
    expect(hasPipes('a OR b')).toBe(false);
    expect(hasPipes('| top 10 a')).toBe(true);
  });

  it('joins the parts back', () => {
    expect(joinQuery('a', '| head 1')).toBe('a | head 1');
    expect(joinQuery('', '| head 1')).toBe('| head 1');
    expect(joinQuery('a', '')).toBe('a');
  });
});
