import { describe, expect, it } from 'vitest';
import type { Conversation } from '../../../shared/protocol/conversations.js';
import { choiceFor, personChoices, placeChoices, placeKey } from './filter-choices.js';

const users = new Map([
  [1, { id: 1, username: 'me' }],
  [2, { id: 2, username: 'bob' }],
  [3, { id: 3, username: 'Carol' }],
]);

function conversation(id: number, kind: Conversation['kind'], name: string | null, memberIds: number[] = []): Conversation {
  return { id, kind, name, memberIds } as unknown as Conversation;
}

describe('what the In control offers', () => {
  it('writes channels, private channels and one-to-one DMs the way the query language names them', () => {
    const choices = placeChoices(
      [
        conversation(1, 'public', 'general'),
        conversation(2, 'private', 'team chat', [1, 2]),
        conversation(3, 'dm', null, [1, 2]),
        conversation(4, 'dm', null, [1]),
        conversation(5, 'dm', null, [1, 2, 3]),
        conversation(6, 'dm', 'MiniMost', [1]),
        conversation(7, 'public', 'say "hi"'),
      ],
      1,
      users,
    );
    expect(choices).toEqual([
      { value: '#general', label: '#general' },
      { value: 'team chat', label: 'team chat' },
      { value: '@bob', label: '@bob' },
      { value: '@me', label: '@me (you)' },
    ]);
  });

  it('matches what was typed to a choice however it was written', () => {
    const choices = [{ value: '#general', label: '#general' }, { value: '@bob', label: '@bob' }];
    expect(choiceFor('General', choices, placeKey)).toBe(choices[0]);
    expect(choiceFor('#GENERAL', choices, placeKey)).toBe(choices[0]);
    expect(choiceFor('@Bob', choices, placeKey)).toBe(choices[1]);
    expect(choiceFor('@nobody', choices, placeKey)).toEqual({ value: '@nobody', label: '@nobody' });
    expect(choiceFor(undefined, choices, placeKey)).toBeNull();
  });
});

describe('what the From control offers', () => {
  it('lists everyone by name', () => {
    expect(personChoices(users).map((c) => c.value)).toEqual(['bob', 'Carol', 'me']);
  });
});
