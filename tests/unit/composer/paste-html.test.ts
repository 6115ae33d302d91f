import { describe, expect, it } from 'vitest';
import { pasteHtml } from '@/lib/composer/paste-html';

describe('pasteHtml (the text/html of a paste into Quill)', () => {
  it('writes one paragraph per line, an empty line as an empty paragraph', () => {
    expect(pasteHtml('Proud of the team.\n\nhttps://x.test/r/1')).toBe(
      '<p>Proud of the team.</p><p><br></p><p>https://x.test/r/1</p>',
    );
    expect(pasteHtml('d***')).toBe('<p>d***</p>');
  });

  it('escapes the text, so that nothing in it becomes markup', () => {
    expect(pasteHtml('<img src=x onerror="alert(1)"> & co')).toBe(
      '<p>&lt;img src=x onerror=&quot;alert(1)&quot;&gt; &amp; co</p>',
    );
  });

  it('keeps spaces that HTML would collapse', () => {
    expect(pasteHtml(' a  b   c ')).toBe('<p>&nbsp;a &nbsp;b &nbsp;&nbsp;c&nbsp;</p>');
    expect(pasteHtml(' ')).toBe('<p>&nbsp;</p>');
  });

  it('reads back as the same text once parsed as HTML', () => {
    const text = 'Line one & <two>\n\n  indented  twice';
    const parsed = new DOMParser().parseFromString(pasteHtml(text), 'text/html');
    const lines = [...parsed.querySelectorAll('p')].map((p) => (p.textContent ?? '').replace(/\u00a0/g, ' '));
    expect(lines.join('\n')).toBe(text);
  });
});
