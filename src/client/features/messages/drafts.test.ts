import { describe, expect, it } from 'vitest';
import { newClientId } from './client-id.js';
import { draftKey, loadDraft, saveDraft, type DraftStorage } from './drafts.js';

function memoryStorage(): DraftStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => void items.set(key, value),
    removeItem: (key) => void items.delete(key),
  };
}

describe('drafts', () => {
  it('keeps a draft per person and conversation', () => {
    const storage = memoryStorage();
    saveDraft(storage, 1, 10, 'half a thought');
    saveDraft(storage, 2, 10, 'someone else on this browser');
    expect(loadDraft(storage, 1, 10)).toBe('half a thought');
    expect(loadDraft(storage, 1, 11)).toBe('');
    expect(storage.items.get(draftKey(2, 10))).toBe('someone else on this browser');
  });

  it('forgets a draft that was emptied (or sent)', () => {
    const storage = memoryStorage();
    saveDraft(storage, 1, 10, 'x');
    saveDraft(storage, 1, 10, '  ');
    expect(storage.items.size).toBe(0);
  });

  it('keeps working when storage refuses', () => {
    const broken: DraftStorage = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    expect(() => saveDraft(broken, 1, 1, 'text')).not.toThrow();
    expect(loadDraft(broken, 1, 1)).toBe('');
    expect(loadDraft(null, 1, 1)).toBe('');
  });
});

describe('client ids', () => {
  it('fit the protocol and do not repeat', () => {
    const ids = new Set(Array.from({ length: 100 }, newClientId));
    expect(ids.size).toBe(100);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
  });
});
