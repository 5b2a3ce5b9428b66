/**
 * Message templates: `{{name}}` / `{{city|there}}` placeholders (a contact field or attribute, with a fallback for
 * recipients who have no value) and `{Hi|Hello|Hey {{name}}}` spintax (nested groups allowed). A backslash makes
 * the next `{`, `}`, `|` or `\` literal. A brace group without any `|` is plain text in braces (`{ok}` stays
 * `{ok}`), so ordinary text needs escaping only for braces that would otherwise be unbalanced.
 *
 * Templates are parsed once when a campaign is saved (so mistakes are reported with their position then) and
 * rendered per recipient with a seeded generator whose picks are recorded on the send unit.
 */

export type TemplateNode =
  | { t: 'text'; value: string }
  | { t: 'field'; key: string; fallback: string | null }
  | { t: 'spin'; options: TemplateNode[][] }
  /** A group without alternatives: its content between literal braces. */
  | { t: 'group'; nodes: TemplateNode[] };

export type TemplateProblem =
  | { code: 'unclosed_brace'; index: number }
  | { code: 'unmatched_brace'; index: number }
  | { code: 'unknown_field'; index: number; key: string };

export class TemplateError extends Error {
  constructor(readonly problem: TemplateProblem) {
    super(`${problem.code} at ${problem.index}`);
    this.name = 'TemplateError';
  }
}

/** The fields every contact has; attribute keys come on top of these. */
export const BUILTIN_FIELDS = ['name', 'phone', 'email'] as const;

const PLACEHOLDER = /\{\{\s*([A-Za-z][A-Za-z0-9_]{0,39})\s*(?:\|([^{}]*))?\}\}/y;

/**
 * Parses a template. `knownField` says whether a placeholder key exists (a built-in field or a defined attribute);
 * an unknown one is an error here rather than an empty hole in thousands of sent messages.
 */
export function parseTemplate(source: string, knownField: (key: string) => boolean): TemplateNode[] {
  let i = 0;
  const opens: number[] = [];

  const parseSeq = (inGroup: boolean): { options: TemplateNode[][]; closed: boolean } => {
    const options: TemplateNode[][] = [];
    let nodes: TemplateNode[] = [];
    let text = '';
    const flush = () => {
      if (text !== '') nodes.push({ t: 'text', value: text });
      text = '';
    };
    while (i < source.length) {
      const ch = source[i]!;
      if (ch === '\\' && i + 1 < source.length && '{}|\\'.includes(source[i + 1]!)) {
        text += source[i + 1];
        i += 2;
        continue;
      }
      if (ch === '{') {
        PLACEHOLDER.lastIndex = i;
        const m = PLACEHOLDER.exec(source);
        if (m) {
          const key = m[1]!.toLowerCase();
          if (!knownField(key)) throw new TemplateError({ code: 'unknown_field', index: i, key });
          flush();
          const fallback = m[2] === undefined ? null : m[2].trim();
          nodes.push({ t: 'field', key, fallback });
          i += m[0].length;
          continue;
        }
        flush();
        opens.push(i);
        i += 1;
        const inner = parseSeq(true);
        opens.pop();
        nodes.push(inner.options.length > 1 ? { t: 'spin', options: inner.options } : { t: 'group', nodes: inner.options[0] ?? [] });
        continue;
      }
      if (ch === '}') {
        if (!inGroup) throw new TemplateError({ code: 'unmatched_brace', index: i });
        flush();
        options.push(nodes);
        i += 1;
        return { options, closed: true };
      }
      if (ch === '|' && inGroup) {
        flush();
        options.push(nodes);
        nodes = [];
        i += 1;
        continue;
      }
      text += ch;
      i += 1;
    }
    if (inGroup) throw new TemplateError({ code: 'unclosed_brace', index: opens[opens.length - 1] ?? 0 });
    flush();
    options.push(nodes);
    return { options, closed: false };
  };

  return parseSeq(false).options[0] ?? [];
}

export interface RenderResult {
  text: string;
  /** The option picked at each spintax group, in reading order: what the results screen shows as the variant. */
  spins: number[];
  /** Placeholders that had neither a value nor a fallback (rendered empty); the preview warns about them. */
  missing: string[];
}

/** Fills a parsed template for one recipient. `values` maps a field key to its value (absent or empty: none). */
export function renderTemplate(nodes: TemplateNode[], values: (key: string) => string | null, random: () => number): RenderResult {
  const spins: number[] = [];
  const missing: string[] = [];
  const walk = (list: TemplateNode[]): string => {
    let out = '';
    for (const node of list) {
      switch (node.t) {
        case 'text':
          out += node.value;
          break;
        case 'field': {
          const value = values(node.key);
          if (value !== null && value.trim() !== '') out += value;
          else if (node.fallback !== null) out += node.fallback;
          else if (!missing.includes(node.key)) missing.push(node.key);
          break;
        }
        case 'spin': {
          const pick = Math.min(node.options.length - 1, Math.floor(random() * node.options.length));
          spins.push(pick);
          out += walk(node.options[pick]!);
          break;
        }
        case 'group':
          out += `{${walk(node.nodes)}}`;
          break;
      }
    }
    return out;
  };
  return { text: walk(nodes).trim(), spins, missing };
}

/** The field keys a template uses, for checking that a campaign's attributes still exist. */
export function fieldsOf(nodes: TemplateNode[]): string[] {
  const keys = new Set<string>();
  const walk = (list: TemplateNode[]) => {
    for (const node of list) {
      if (node.t === 'field') keys.add(node.key);
      else if (node.t === 'spin') node.options.forEach(walk);
      else if (node.t === 'group') walk(node.nodes);
    }
  };
  walk(nodes);
  return [...keys];
}
