import { describe, expect, it } from 'vitest';
import { actionFor, modeAfter, SHORTCUTS, type KeyPress } from './keymap.js';

const press = (key: string, more: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  inTextField: false,
  inComposer: false,
  inDialog: false,
  ...more,
});

describe('actionFor', () => {
  it('maps the normal-mode keys', () => {
    expect(actionFor('normal', press('i'))).toBe('focus-composer');
    expect(actionFor('normal', press('o'))).toBe('new-direct-message');
    expect(actionFor('normal', press('/'))).toBe('search');
    expect(actionFor('normal', press('f'))).toBe('search');
    expect(actionFor('normal', press('j'))).toBe('scroll-down');
    expect(actionFor('normal', press('k'))).toBe('scroll-up');
    expect(actionFor('normal', press('d'))).toBe('half-page-down');
    expect(actionFor('normal', press('u'))).toBe('half-page-up');
    expect(actionFor('normal', press('g'))).toBe('top');
    expect(actionFor('normal', press('G'))).toBe('bottom');
    expect(actionFor('normal', press('v'))).toBe('visual');
    expect(actionFor('normal', press('?'))).toBe('help');
    expect(actionFor('normal', press('Escape'))).toBe('escape');
  });

  it('takes Ctrl+J and Ctrl+K (or ⌘) for the next and previous conversation', () => {
    expect(actionFor('normal', press('j', { ctrlKey: true }))).toBe('next-conversation');
    expect(actionFor('normal', press('K', { ctrlKey: true }))).toBe('previous-conversation');
    expect(actionFor('normal', press('k', { metaKey: true }))).toBe('previous-conversation');
  });

  it('gives the same keys their visual-mode meaning there', () => {
    expect(actionFor('visual', press('j'))).toBe('select-newer');
    expect(actionFor('visual', press('k'))).toBe('select-older');
    expect(actionFor('visual', press('c'))).toBe('edit');
    expect(actionFor('visual', press('d'))).toBe('delete');
    expect(actionFor('visual', press('o'))).toBe('reply');
    expect(actionFor('visual', press('y'))).toBe('copy');
    expect(actionFor('visual', press('e'))).toBe('react');
    expect(actionFor('visual', press('p'))).toBe('pin');
    expect(actionFor('visual', press('Escape'))).toBe('exit-visual');
    expect(actionFor('visual', press('i'))).toBeNull();
    expect(actionFor('visual', press('j', { ctrlKey: true }))).toBeNull();
  });

  it('never fires while typing, except Esc, which leaves the field', () => {
    for (const key of ['i', 'j', '/', '?', 'G']) expect(actionFor('normal', press(key, { inTextField: true }))).toBeNull();
    expect(actionFor('normal', press('k', { ctrlKey: true, inTextField: true }))).toBeNull();
    expect(actionFor('normal', press('Escape', { inTextField: true }))).toBe('escape');
  });

  it('lets Ctrl+J and Ctrl+K go through conversations from the composer, and nothing else', () => {
    const inComposer = { inTextField: true, inComposer: true, ctrlKey: true };
    expect(actionFor('normal', press('j', inComposer))).toBe('next-conversation');
    expect(actionFor('visual', press('k', inComposer))).toBe('previous-conversation');
    for (const key of ['b', 'i', 'u', 'f', 'g']) expect(actionFor('normal', press(key, inComposer))).toBeNull();
    expect(actionFor('normal', press('j', { inTextField: true, inComposer: true }))).toBeNull();
  });

  it('leaves browser and system shortcuts alone', () => {
    for (const key of ['c', 'f', 'd', 'u', 'g', 'o', 'v', 'i']) {
      expect(actionFor('normal', press(key, { ctrlKey: true }))).toBeNull();
      expect(actionFor('normal', press(key, { metaKey: true }))).toBeNull();
    }
    expect(actionFor('visual', press('c', { ctrlKey: true }))).toBeNull();
    expect(actionFor('normal', press('j', { altKey: true }))).toBeNull();
    expect(actionFor('normal', press('j', { ctrlKey: true, altKey: true }))).toBeNull();
    expect(actionFor('normal', press('F5'))).toBeNull();
  });

  it('stays out of open dialogs', () => {
    expect(actionFor('normal', press('j', { inDialog: true }))).toBeNull();
    expect(actionFor('visual', press('Escape', { inDialog: true }))).toBeNull();
  });
});

describe('modeAfter', () => {
  it('enters visual mode with v and leaves it with Esc and the actions that hand over', () => {
    expect(modeAfter('normal', 'visual')).toBe('visual');
    expect(modeAfter('normal', 'scroll-down')).toBe('normal');
    for (const action of ['exit-visual', 'edit', 'delete', 'reply', 'react'] as const) expect(modeAfter('visual', action)).toBe('normal');
    for (const action of ['select-newer', 'select-older', 'copy', 'pin', 'help'] as const) expect(modeAfter('visual', action)).toBe('visual');
  });
});

describe('SHORTCUTS', () => {
  it('has no two shortcuts on the same key in the same mode', () => {
    const seen = new Set<string>();
    for (const shortcut of SHORTCUTS) {
      for (const key of shortcut.keys) {
        const id = `${shortcut.mode} ${shortcut.ctrl ? 'ctrl+' : ''}${key}`;
        expect(seen.has(id), id).toBe(false);
        seen.add(id);
      }
    }
  });
});
