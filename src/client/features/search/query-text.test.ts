import { describe, expect, it } from 'vitest';
import { dateFieldValue, isUnfinished, operatorValue, readFilters, withFilter } from './query-text.js';

describe('reading the filters a query sets', () => {
  it('finds every operator, wherever it is typed', () => {
    expect(readFilters('deploy from:@alice in:#general after:2026-10-01 before:2026-11-01 has:link "exact words"')).toEqual({
      from: ['alice'],
      in: ['#general'],
      before: '2026-11-01',
      after: '2026-10-01',
      on: null,
      hasLink: true,
    });
  });

  it('reads names without @, quoted channel names, several from:, and operators in any case', () => {
    const filters = readFilters('FROM:bob from:@carol In:"team chat" ON:2026-11-05');
    expect(filters.from).toEqual(['bob', 'carol']);
    expect(filters.in).toEqual(['team chat']);
    expect(filters.on).toBe('2026-11-05');
  });

  it('ignores what the server does not read as a filter: excluded operators, unknown ones, text, empty values', () => {
    expect(readFilters('-from:bob foo:bar https://team.example "from:alice" from: has:file')).toEqual({
      from: [],
      in: [],
      before: null,
      after: null,
      on: null,
      hasLink: false,
    });
  });
});

describe('writing a filter from a control', () => {
  it('adds the operator after what was typed', () => {
    expect(withFilter('deploy', 'from', ['bob'])).toBe('deploy from:@bob');
    expect(withFilter('', 'in', ['#general'])).toBe('in:#general');
    expect(withFilter('deploy', 'has', ['link'])).toBe('deploy has:link');
    expect(withFilter('deploy', 'after', ['2026-10-01'])).toBe('deploy after:2026-10-01');
  });

  it('replaces the same operator where it was typed, and only that one', () => {
    expect(withFilter('from:@alice deploy in:ops', 'from', ['bob'])).toBe('from:@bob deploy in:ops');
    expect(withFilter('from:alice from:@carol deploy', 'from', ['bob'])).toBe('from:@bob deploy');
    expect(withFilter('before:2026-01-01 deploy after:2026-02-01', 'before', ['2026-11-01'])).toBe('before:2026-11-01 deploy after:2026-02-01');
  });

  it('removes the operator when the control is cleared', () => {
    expect(withFilter('from:@bob deploy', 'from', [])).toBe('deploy');
    expect(withFilter('deploy has:link has:file', 'has', [])).toBe('deploy has:file');
    expect(withFilter('deploy', 'on', [])).toBe('deploy');
  });

  it('keeps the rest exactly as typed: phrases, exclusions, text with colons', () => {
    expect(withFilter('"ship  it" -draft 12:30 in:general', 'in', ['@bob'])).toBe('"ship  it" -draft 12:30 in:@bob');
    expect(withFilter('"unclosed phrase from:@x', 'from', ['bob'])).toBe('"unclosed phrase from:@x from:@bob');
  });

  it('quotes names with spaces, and writes nothing it cannot write', () => {
    expect(withFilter('deploy', 'in', ['team chat'])).toBe('deploy in:"team chat"');
    expect(withFilter('deploy', 'in', ['say "hi"'])).toBe('deploy');
    expect(withFilter('deploy', 'after', ['not a date'])).toBe('deploy');
    expect(operatorValue('ops')).toBe('ops');
    expect(operatorValue('a"b')).toBeNull();
  });

  it('round-trips: what a control writes is what it then reads', () => {
    let query = 'deploy';
    query = withFilter(query, 'from', ['bob']);
    query = withFilter(query, 'in', ['team chat']);
    query = withFilter(query, 'on', ['2026-11-05']);
    query = withFilter(query, 'has', ['link']);
    expect(readFilters(query)).toEqual({ from: ['bob'], in: ['team chat'], before: null, after: null, on: '2026-11-05', hasLink: true });
  });
});

describe('when a query is worth sending', () => {
  it('waits for at least 2 characters', () => {
    expect(isUnfinished('')).toBe(true);
    expect(isUnfinished('  d ')).toBe(true);
    expect(isUnfinished('🚀')).toBe(true);
    expect(isUnfinished('de')).toBe(false);
  });

  it('waits while an operator still has no value, but sends one typed with a space after (the server explains it)', () => {
    expect(isUnfinished('deploy from:')).toBe(true);
    expect(isUnfinished('deploy in:"')).toBe(true);
    expect(isUnfinished('deploy from: ')).toBe(false);
    expect(isUnfinished('deploy from:b')).toBe(false);
    expect(isUnfinished('see https:')).toBe(false);
  });
});

describe('dates in the date fields', () => {
  it('pads typed dates and shows nothing for what is not one', () => {
    expect(dateFieldValue('2026-11-5')).toBe('2026-11-05');
    expect(dateFieldValue('2026-11-05')).toBe('2026-11-05');
    expect(dateFieldValue('yesterday')).toBe('');
    expect(dateFieldValue(null)).toBe('');
  });
});
