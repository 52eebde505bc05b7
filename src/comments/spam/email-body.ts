/**
 * The readable body of a raw e-mail, without its headers: the filter is meant for comments,
 * which have no Received: lines or Message-IDs, so it must not learn from them.
 * Handles what the SpamAssassin corpus holds: multipart messages, quoted-printable and
 * base64 text parts, and HTML bodies (tags dropped, link targets kept as text).
 */

function splitHeaders(raw: string): { headers: string; body: string } {
  const normalized = raw.replace(/\r\n/g, '\n');
  const end = normalized.indexOf('\n\n');
  return end === -1 ? { headers: normalized, body: '' } : { headers: normalized.slice(0, end), body: normalized.slice(end + 2) };
}

function header(headers: string, name: string): string {
  const unfolded = headers.replace(/\n[ \t]+/g, ' ');
  const match = unfolded.match(new RegExp(`^${name}:\\s*(.*)$`, 'im'));
  return match ? match[1] : '';
}

function decodeQuotedPrintable(text: string): string {
  return text.replace(/=\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function htmlToText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<a\s[^>]*href=["']?([^"'\s>]+)[^>]*>/gi, ' $1 ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code)));
}

function partText(headers: string, body: string, depth: number): string {
  const type = header(headers, 'Content-Type').toLowerCase() || 'text/plain';
  const encoding = header(headers, 'Content-Transfer-Encoding').toLowerCase();
  if (type.startsWith('multipart/') && depth < 5) {
    const boundary = header(headers, 'Content-Type').match(/boundary="?([^";]+)"?/i)?.[1];
    if (!boundary) return body;
    return body
      .split(`--${boundary}`)
      .slice(1)
      .filter((part) => !part.startsWith('--'))
      .map((part) => {
        const inner = splitHeaders(part.replace(/^\n/, ''));
        return partText(inner.headers, inner.body, depth + 1);
      })
      .join('\n');
  }
  if (!type.startsWith('text/')) return '';
  let text = body;
  if (encoding.includes('quoted-printable')) text = decodeQuotedPrintable(text);
  else if (encoding.includes('base64')) text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('latin1');
  return type.startsWith('text/html') ? htmlToText(text) : text;
}

export function emailBody(raw: string): string {
  const { headers, body } = splitHeaders(raw);
  // The subject is written by the sender like the body, unlike the routing headers.
  const subject = header(headers, 'Subject');
  return `${subject}\n${partText(headers, body, 0)}`.replace(/[ \t]+/g, ' ').trim();
}
