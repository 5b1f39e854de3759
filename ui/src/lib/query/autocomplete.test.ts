import { describe, expect, it } from 'vitest';
import {
  applySuggestion,
  commandSuggestions,
  fieldSuggestions,
  rankByPrefix,
  suggestionContext,
  valueSuggestions,
} from './autocomplete.ts';

const FIELDS = [
  { name: 'user.name', type: 'keyword' },
  { name: 'user.email', type: 'keyword' },
  { name: 'source.ip', type: 'ip' },
  { name: 'privx.username', type: 'keyword' },
];

describe('suggestionContext', () => {
  it('suggests fields for a bare word', () => {
    expect(suggestionContext('us', 2)).toEqual({ kind: 'field', prefix: 'us', start: 0, end: 2 });
    expect(suggestionContext('a AND -us', 9)).toEqual({ kind: 'field', prefix: 'us', start: 7, end: 9 });
    expect(suggestionContext('(us', 3)).toEqual({ kind: 'field', prefix: 'us', start: 1, end: 3 });
  });

  it('suggests values after field:', () => {
    expect(suggestionContext('user.name:al', 12)).toEqual({
      kind: 'value',
      field: 'user.name',
      prefix: 'al',
      start: 10,
      end: 12,
    });
    expect(suggestionContext('x AND user.name:"al', 19)).toEqual({
      kind: 'value',
      field: 'user.name',
      prefix: 'al',
      start: 16,
      end: 19,
    });
    expect(suggestionContext('-user.name:', 11)).toEqual({
      kind: 'value',
      field: 'user.name',
      prefix: '',
      start: 11,
      end: 11,
    });
  });

  it('suggests commands right after a pipe, nothing inside its arguments', () => {
    expect(suggestionContext('a | st', 6)).toEqual({ kind: 'command', prefix: 'st', start: 4, end: 6 });
    expect(suggestionContext('a |', 3)).toEqual({ kind: 'command', prefix: '', start: 3, end: 3 });
    expect(suggestionContext('a | stats count by us', 21)).toEqual({ kind: 'none' });
  });

  it('offers nothing inside a phrase', () => {
    expect(suggestionContext('message:"hello wor', 18)).toEqual({ kind: 'none' });
  });
});

describe('suggestions', () => {
  it('ranks prefix matches before substring matches', () => {
    expect(fieldSuggestions(FIELDS, 'user').map((s) => s.label)).toEqual(['user.email', 'user.name', 'privx.username']);
    expect(fieldSuggestions(FIELDS, 'user')[0]).toEqual({
      text: 'user.email:',
      label: 'user.email',
      detail: 'keyword',
    });
    expect(rankByPrefix(['b', 'a', 'ab'], 'a', (s) => s)).toEqual(['ab']);
  });

  it('filters values by the typed prefix and quotes them when needed', () => {
    const values = [
      { value: 'alice', count: 9 },
      { value: 'bob smith', count: 3 },
    ];
    expect(valueSuggestions(values, 'AL')).toEqual([{ text: 'alice ', label: 'alice', detail: '9' }]);
    expect(valueSuggestions(values, 'smi')[0]?.text).toBe('"bob smith" ');
  });

  it('lists pipe commands by prefix', () => {
    expect(commandSuggestions('t').map((s) => s.label)).toEqual(['timechart', 'top']);
  });
});

describe('applySuggestion', () => {
  it('replaces the token and puts the cursor after it', () => {
    const context = suggestionContext('x AND us', 8);
    if (context.kind === 'none') throw new Error('expected a context');
    expect(applySuggestion('x AND us', context, { text: 'user.name:', label: 'user.name' })).toEqual({
      text: 'x AND user.name:',
      cursor: 16,
    });
  });

  it('spaces a command away from the pipe and replaces a partial value', () => {
    const command = suggestionContext('a |', 3);
    if (command.kind === 'none') throw new Error('expected a context');
    expect(applySuggestion('a |', command, { text: 'top 10 ', label: 'top' }).text).toBe('a | top 10 ');
    const value = suggestionContext('user.name:al AND x', 12);
    if (value.kind === 'none') throw new Error('expected a context');
    expect(applySuggestion('user.name:al AND x', value, { text: 'alice ', label: 'alice' }).text).toBe(
      'user.name:alice  AND x',
    );
  });
});
