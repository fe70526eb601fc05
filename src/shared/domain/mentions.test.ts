import { describe, expect, it } from 'vitest';
import { blankOutCode, extractMentions, splitMentions } from './mentions.js';

describe('extractMentions', () => {
  it('finds names, case-insensitively and once each', () => {
    expect(extractMentions('@Bob and @carol, then @BOB again')).toEqual({ keys: ['bob', 'carol'], everyone: false, here: false });
  });

  it('reads @everyone and @here as flags, not names', () => {
    expect(extractMentions('@everyone look, @Here too')).toEqual({ keys: [], everyone: true, here: true });
  });

  it('ends a name at punctuation', () => {
    expect(extractMentions('(@bob), @carol. @dave! @erin? @frank\'s @gina:').keys).toEqual(['bob', 'carol', 'dave', 'erin', 'frank', 'gina']);
  });

  it('keeps username characters in the name', () => {
    expect(extractMentions('@bob_smith-2 hi').keys).toEqual(['bob_smith-2']);
  });

  it('never reads an e-mail address as a mention', () => {
    expect(extractMentions('write to bob@mail.example or a.b@here.example').keys).toEqual([]);
    expect(extractMentions('bob@mail.example').here).toBe(false);
    expect(extractMentions('@bob@mail.example').keys).toEqual([]);
  });

  it('ignores a lone @ and names longer than a username can be', () => {
    expect(extractMentions('@ @@ meet @ 5').keys).toEqual([]);
    expect(extractMentions(`@${'a'.repeat(33)}`).keys).toEqual([]);
    expect(extractMentions(`@${'a'.repeat(32)}`).keys).toEqual(['a'.repeat(32)]);
  });

  it('skips inline code spans', () => {
    expect(extractMentions('run `@bob` but ask @carol')).toEqual({ keys: ['carol'], everyone: false, here: false });
    expect(extractMentions('``code with ` and @bob`` @dave').keys).toEqual(['dave']);
  });

  it('reads an unclosed backtick as text', () => {
    expect(extractMentions('a ` then @bob').keys).toEqual(['bob']);
  });

  it('skips fenced code blocks, closed or not', () => {
    expect(extractMentions('@alice\n```js\nconst x = "@bob @everyone";\n```\n@carol')).toEqual({ keys: ['alice', 'carol'], everyone: false, here: false });
    expect(extractMentions('~~~\n@bob\n').keys).toEqual([]);
    expect(extractMentions('````\n```\n@bob\n````\n@here')).toEqual({ keys: [], everyone: false, here: true });
  });
});

describe('blankOutCode', () => {
  it('keeps the length so offsets still match', () => {
    const text = 'a `b` c\n```\nd\n```\ne';
    expect(blankOutCode(text)).toHaveLength(text.length);
    expect(blankOutCode(text)).toBe('a     c\n   \n \n   \ne');
  });
});

describe('splitMentions', () => {
  const real = (key: string) => key === 'bob';

  it('turns real names into mention parts and leaves the rest as text', () => {
    expect(splitMentions('hi @Bob, meet @nobody and @here.', real)).toEqual([
      { kind: 'text', text: 'hi ' },
      { kind: 'mention', text: '@Bob', key: 'bob' },
      { kind: 'text', text: ', meet @nobody and ' },
      { kind: 'mention', text: '@here', key: 'here' },
      { kind: 'text', text: '.' },
    ]);
  });

  it('returns plain text untouched', () => {
    expect(splitMentions('mail bob@mail.example', real)).toEqual([{ kind: 'text', text: 'mail bob@mail.example' }]);
    expect(splitMentions('', real)).toEqual([]);
  });
});
