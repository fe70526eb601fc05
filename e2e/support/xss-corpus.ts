// Hostile text for every place a person's words appear: messages, channel names, file names. Each payload, if it ever
// ran, would set `window.__xss`, open a dialog, or break the CSP; the tests post them, look, and check none did.
import type { Page } from '@playwright/test';

export interface XssPayload {
  /** Exactly what is typed. */
  text: string;
  /** What a reader sees, where Markdown changes it (markers hidden, a safe link's label); else `text` itself. */
  shown?: string;
  /** The kind of attack, for reports. */
  kind: 'script' | 'event handler' | 'svg/mathml' | 'url' | 'template/style' | 'broken html' | 'unicode' | 'markdown';
}

export const XSS_PAYLOADS: readonly XssPayload[] = [
  // Script elements
  { kind: 'script', text: '<script>window.__xss=1</script>' },
  { kind: 'script', text: '<SCRIPT SRC=/x.js></SCRIPT>' },
  { kind: 'script', text: '<script>alert(document.cookie)</script>' },
  { kind: 'script', text: '"><script>alert(1)</script>' },
  { kind: 'script', text: '</textarea><script>alert(1)</script>' },
  { kind: 'script', text: "'; alert(1); var x='" },
  // Event-handler attributes
  { kind: 'event handler', text: '<img src=x onerror="window.__xss=1">' },
  { kind: 'event handler', text: '<img src=x onerror=alert(1)//' },
  { kind: 'event handler', text: '<body onload=alert(1)>' },
  { kind: 'event handler', text: '<div onmouseover="window.__xss=1">hover me</div>' },
  { kind: 'event handler', text: '<input autofocus onfocus=alert(1)>' },
  { kind: 'event handler', text: '<details open ontoggle="window.__xss=1">' },
  { kind: 'event handler', text: '<video><source onerror="alert(1)">' },
  { kind: 'event handler', text: '" onmouseover="window.__xss=1" x="' },
  { kind: 'event handler', text: "' autofocus onfocus='alert(1)" },
  // SVG and MathML
  { kind: 'svg/mathml', text: '<svg onload=alert(1)>' },
  { kind: 'svg/mathml', text: '<svg><script>window.__xss=1</script></svg>' },
  { kind: 'svg/mathml', text: '<svg><animate onbegin=alert(1) attributeName=x dur=1s>' },
  { kind: 'svg/mathml', text: '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">click</text></a></svg>' },
  { kind: 'svg/mathml', text: '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>' },
  { kind: 'svg/mathml', text: '<math href="javascript:alert(1)">click</math>' },
  // javascript:, data:, vbscript: and file: URLs in every Markdown link form
  { kind: 'url', text: '[click](javascript:window.__xss=1)' },
  { kind: 'url', text: '[click](JaVaScRiPt:alert(1))' },
  { kind: 'url', text: '[click](jav&#x09;ascript:alert(1))', shown: '[click](jav\tascript:alert(1))' },
  { kind: 'url', text: '[click](&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1))', shown: '[click](javascript:alert(1))' },
  { kind: 'url', text: '[click](javascript&colon;alert(1))', shown: '[click](javascript:alert(1))' },
  { kind: 'url', text: '[click]( javascript:alert(1) )' },
  { kind: 'url', text: '[click](<javascript:alert(1)>)' },
  { kind: 'url', text: '[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)' },
  { kind: 'url', text: '[click](vbscript:msgbox(1))' },
  { kind: 'url', text: '[click](file:///etc/passwd)' },
  { kind: 'url', text: '[click][ref]\n\n[ref]: javascript:alert(1)', shown: '[click][ref]' },
  { kind: 'url', text: '<javascript:alert(1)>' },
  { kind: 'url', text: '<data:text/html,<script>alert(1)</script>>' },
  { kind: 'url', text: '![x](javascript:alert(1))' },
  { kind: 'url', text: 'javascript:alert(1)' },
  { kind: 'url', text: '[a](https://example.com/"onclick="window.__xss=1)', shown: 'a' },
  { kind: 'url', text: '![x](https://example.com/x.png"onerror="window.__xss=1)', shown: 'x' },
  // Template and style injection, and elements that load or navigate
  { kind: 'template/style', text: "{{constructor.constructor('window.__xss=1')()}}" },
  { kind: 'template/style', text: '${alert(1)}' },
  { kind: 'template/style', text: '<style>*{display:none}</style>' },
  { kind: 'template/style', text: '<link rel=stylesheet href=//evil.example/x.css>' },
  { kind: 'template/style', text: '<template><img src=x onerror=alert(1)></template>' },
  { kind: 'template/style', text: '<iframe srcdoc="<script>alert(1)</script>"></iframe>' },
  { kind: 'template/style', text: '<object data="javascript:alert(1)">' },
  { kind: 'template/style', text: '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">' },
  { kind: 'template/style', text: '<base href="javascript:alert(1)//">' },
  { kind: 'template/style', text: '<form action="javascript:alert(1)"><button>go</button></form>' },
  // Broken HTML that lenient parsers repair into something live
  { kind: 'broken html', text: '<<script>alert(1)//<</script>' },
  { kind: 'broken html', text: '<scr<script>ipt>alert(1)</scr</script>ipt>' },
  { kind: 'broken html', text: '<img """><script>alert(1)</script>">' },
  { kind: 'broken html', text: '<!--<img src=x onerror=alert(1)>-->' },
  { kind: 'broken html', text: '<![CDATA[<script>alert(1)</script>]]>' },
  { kind: 'broken html', text: '<a href="javascript:alert(1)">unclosed' },
  // Unicode and encoding tricks
  { kind: 'unicode', text: '＜script＞alert(1)＜/script＞' },
  { kind: 'unicode', text: '\u202Egnp.exe' },
  { kind: 'unicode', text: '[click](java\u200Bscript:alert(1))' },
  { kind: 'unicode', text: '<img src=x onerror=\\u0061lert(1)>', shown: '<img src=x onerror=\\u0061lert(1)>' },
  { kind: 'unicode', text: '%3Cscript%3Ealert(1)%3C/script%3E' },
  { kind: 'unicode', text: '&lt;script&gt;alert(1)&lt;/script&gt;', shown: '<script>alert(1)</script>' },
  // Markdown's own syntax as a way in
  { kind: 'markdown', text: '```"><img src=x onerror=alert(1)>\nconsole.log(1)\n```', shown: 'console.log(1)' },
  { kind: 'markdown', text: '`<img src=x onerror=alert(1)>`', shown: '<img src=x onerror=alert(1)>' },
  { kind: 'markdown', text: '**<img src=x onerror=alert(1)>**', shown: '<img src=x onerror=alert(1)>' },
  { kind: 'markdown', text: '[<img src=x onerror=alert(1)>](https://example.com)', shown: '<img src=x onerror=alert(1)>' },
  { kind: 'markdown', text: '```js\n</code></pre><script>alert(1)</script>\n```', shown: '</code></pre><script>alert(1)</script>' },
  { kind: 'markdown', text: '[x](https://example.com "\\"><img src=x onerror=alert(1)>")', shown: 'x' },
  { kind: 'markdown', text: '> <script>alert(1)</script>', shown: '<script>alert(1)</script>' },
  { kind: 'markdown', text: '- <img src=x onerror=alert(1)>', shown: '<img src=x onerror=alert(1)>' },
  { kind: 'markdown', text: '\\<script\\>alert(1)\\</script\\>', shown: '<script>alert(1)</script>' },
  { kind: 'markdown', text: '*'.repeat(5000) },
  { kind: 'markdown', text: '[x](https://example.com)<img src=x onerror=alert(1)>', shown: 'x<img src=x onerror=alert(1)>' },
];

/** What a reader should see for a payload. */
export function shownText(payload: XssPayload): string {
  return payload.shown ?? payload.text;
}

/**
 * Before the page loads: records CSP violations (as the `securitypolicyviolation` events the browser fires) in
 * `window.__cspViolations`. Payloads mark their own success in `window.__xss`; dialogs are caught by Person.
 */
export async function watchForScripts(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
}

/** What the page recorded: the `__xss` sentinel and CSP violations. */
export async function scriptSignals(page: Page): Promise<{ sentinel: unknown; cspViolations: string[] }> {
  return page.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __cspViolations?: string[] };
    return { sentinel: w.__xss ?? null, cspViolations: w.__cspViolations ?? ['(the watcher was not installed)'] };
  });
}
