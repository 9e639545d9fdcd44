/**
 * A small multipart/form-data reader for the CSV upload form: text fields and one file's bytes
 * (bytes, not text: a French Excel file is Windows-1252 and says nothing about it).
 */
export interface Multipart {
  fields: Record<string, string>;
  files: Record<string, Buffer>;
}

export function readMultipart(body: unknown, contentType: string | undefined): Multipart {
  const out: Multipart = { fields: {}, files: {} };
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!Buffer.isBuffer(body) || !boundary) return out;
  const delimiter = Buffer.from(`\r\n--${boundary[1] ?? boundary[2]}`);
  // The body starts with the delimiter without its CRLF: add one so every part is alike.
  const buf = Buffer.concat([Buffer.from('\r\n'), body]);
  let at = buf.indexOf(delimiter);
  while (at !== -1) {
    const start = at + delimiter.length;
    if (buf.subarray(start, start + 2).toString() === '--') break;
    const next = buf.indexOf(delimiter, start);
    if (next === -1) break;
    const part = buf.subarray(start + 2, next);
    const split = part.indexOf('\r\n\r\n');
    if (split !== -1) {
      const headers = part.subarray(0, split).toString('latin1');
      const content = part.subarray(split + 4);
      const name = /name="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) {
        if (/filename="/i.test(headers)) out.files[name] = Buffer.from(content);
        else out.fields[name] = content.toString('utf8');
      }
    }
    at = next;
  }
  return out;
}
