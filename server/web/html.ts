/** HTML with every interpolation escaped, unless it is already Html (a nested template). */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const escapes: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
export const escape = (value: unknown) =>
  String(value ?? '').replace(/[&<>"']/g, (c) => escapes[c]!);

type Part = Html | string | number | null | undefined | false | Part[];
const render = (part: Part): string =>
  Array.isArray(part)
    ? part.map(render).join('')
    : part instanceof Html
      ? part.value
      : part === false || part == null
        ? ''
        : escape(part);

export function html(strings: TemplateStringsArray, ...parts: Part[]): Html {
  return new Html(
    strings.reduce((out, s, i) => out + s + (i < parts.length ? render(parts[i]!) : ''), ''),
  );
}
