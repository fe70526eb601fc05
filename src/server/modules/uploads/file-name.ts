/** Longest name kept for display, in characters. */
const NAME_MAX = 200;

// Control characters, and the bidirectional overrides that make "harmless<U+202E>fdp.exe" read as "harmlessexe.pdf".
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * The name a file is shown and downloaded under: the last part of whatever path the client sent, without control
 * or direction-changing characters, at most NAME_MAX characters. It is only ever displayed; the file on disk is
 * named by its id.
 */
export function displayName(raw: string | undefined): string {
  const base = (raw ?? '').split(/[/\\]/).pop() ?? '';
  const clean = base.normalize('NFC').replace(UNSAFE, '').trim();
  const chars = [...clean];
  const name = chars.length > NAME_MAX ? chars.slice(0, NAME_MAX).join('') : clean;
  return name === '' || name === '.' || name === '..' ? 'file' : name;
}

/**
 * `attachment; filename="ascii fallback"; filename*=UTF-8''percent-encoded` (RFC 6266 and RFC 8187), so every
 * browser downloads the file under its real name and none renders it.
 */
export function contentDisposition(type: 'attachment' | 'inline', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${type}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
