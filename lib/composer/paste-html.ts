/**
 * Plain text as the `text/html` of a synthetic paste, for editors whose paste handler reads HTML (Quill): one `<p>`
 * per line, the way Quill writes its own lines, an empty line as `<p><br></p>`. The text is escaped, never markup,
 * and spaces that HTML would collapse (at a line's ends, or after another space) are no-break spaces, which Quill 2's
 * clipboard turns back into spaces.
 */
export function pasteHtml(text: string): string {
  return text
    .split('\n')
    .map((line) => (line === '' ? '<p><br></p>' : `<p>${keepSpaces(escapeHtml(line))}</p>`))
    .join('');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function keepSpaces(line: string): string {
  return line.replace(/^ | $|(?<= ) /g, '&nbsp;');
}
