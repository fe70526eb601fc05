import { describe, expect, test } from 'vitest';
import { highlightCode, linesOf, plainLines, scopeClasses } from './highlight.js';
import { highlightTree } from './highlight-languages.js';

describe('scopeClasses', () => {
  test('follows highlight.js naming', () => {
    expect(scopeClasses('keyword')).toBe('hljs-keyword');
    expect(scopeClasses('title.function')).toBe('hljs-title function_');
    expect(scopeClasses('title.class.inherited')).toBe('hljs-title class_ inherited__');
    expect(scopeClasses('language:xml')).toBe('');
  });
});

describe('linesOf', () => {
  test('splits scopes across lines and keeps the innermost classes', () => {
    const tree = { children: ['a ', { scope: 'string', children: ['"x\ny"'] }, '\n', { scope: 'comment', children: ['# ', { scope: 'doctag', children: ['TODO'] }] }] };
    expect(linesOf(tree)).toEqual([
      [
        { text: 'a ', className: '' },
        { text: '"x', className: 'hljs-string' },
      ],
      [{ text: 'y"', className: 'hljs-string' }],
      [
        { text: '# ', className: 'hljs-comment' },
        { text: 'TODO', className: 'hljs-doctag' },
      ],
    ]);
  });

  test('empty lines stay lines', () => {
    expect(plainLines('a\n\nb')).toEqual([[{ text: 'a', className: '' }], [], [{ text: 'b', className: '' }]]);
  });
});

describe('highlighting', () => {
  const text = (lines: ReturnType<typeof linesOf>) => lines.map((line) => line.map((segment) => segment.text).join('')).join('\n');

  test.each([
    ['python', 'def greet(name):\n    return f"hi {name}"  # say it'],
    ['javascript', 'const a = () => `x${1}`;'],
    ['ts', 'let n: number = 1;'],
    ['c', '#include <stdio.h>\nint main(void) { return 0; }'],
    ['cpp', 'template <typename T> T id(T x) { return x; }'],
    ['go', 'func main() { fmt.Println("hi") }'],
    ['rust', 'fn main() { println!("hi"); }'],
    ['java', 'public class A { void b() {} }'],
    ['sh', 'echo "$HOME" | grep -v x'],
    ['sql', 'SELECT id FROM users WHERE name = \'x\';'],
    ['json', '{"a": [1, true, null]}'],
    ['yaml', 'key: value\nlist:\n  - 1'],
    ['diff', '--- a\n+++ b\n-old\n+new'],
  ])('%s is coloured and keeps every character', (language, code) => {
    const lines = highlightCode(code, language, highlightTree);
    expect(text(lines)).toBe(code);
    expect(lines.flat().some((segment) => segment.className.startsWith('hljs-'))).toBe(true);
  });

  test('common file extensions name their language, for file previews', () => {
    for (const extension of ['py', 'js', 'mjs', 'ts', 'tsx', 'c', 'h', 'cpp', 'cc', 'hpp', 'go', 'rs', 'java', 'sh', 'bash', 'sql', 'json', 'yml', 'yaml', 'diff', 'patch']) {
      expect(highlightTree('x', extension), extension).not.toBeNull();
    }
  });

  test('markup in code stays text', () => {
    const code = '<script>alert("</span>")</script>';
    expect(text(highlightCode(code, 'javascript', highlightTree))).toBe(code);
  });

  test('an unknown language, or none, is shown plain', () => {
    expect(highlightCode('x = 1', 'cobol', highlightTree)).toEqual(plainLines('x = 1'));
    expect(highlightCode('x = 1', '', highlightTree)).toEqual(plainLines('x = 1'));
    expect(highlightCode('x = 1', 'python', null)).toEqual(plainLines('x = 1'));
  });
});
