import { formatPhone } from '../../src-shared/domain/phone';
import { choiceRandom } from './random';
import { parseTemplate, renderTemplate, TemplateError, type TemplateNode, type TemplateProblem } from './template';

/** What a part says, as stored: the text, the random-text variants, or the image's caption. */
export type PartContent =
  | { kind: 'text'; text: string }
  | { kind: 'random_text'; variants: string[] }
  | { kind: 'image'; caption: string | null };

/** A part's templates, parsed once per campaign. */
export interface CompiledPart {
  position: number;
  kind: PartContent['kind'];
  /** One template for text and image captions (none for an image without a caption), one per variant otherwise. */
  templates: TemplateNode[][];
}

/** Where in the input a template problem is: `parts.2.text`, `parts.1.variants.3`, `parts.0.caption`. */
export class PartTemplateError extends Error {
  constructor(
    readonly field: string,
    readonly problem: TemplateProblem,
  ) {
    super(`${field}: ${problem.code}`);
    this.name = 'PartTemplateError';
  }
}

export function compilePart(position: number, part: PartContent, knownField: (key: string) => boolean): CompiledPart {
  const parse = (source: string, field: string) => {
    try {
      return parseTemplate(source, knownField);
    } catch (err) {
      if (err instanceof TemplateError) throw new PartTemplateError(`parts.${position}.${field}`, err.problem);
      throw err;
    }
  };
  switch (part.kind) {
    case 'text':
      return { position, kind: part.kind, templates: [parse(part.text, 'text')] };
    case 'random_text':
      return { position, kind: part.kind, templates: part.variants.map((v, i) => parse(v, `variants.${i}`)) };
    case 'image':
      return { position, kind: part.kind, templates: part.caption === null ? [] : [parse(part.caption, 'caption')] };
  }
}

/** The contact fields a template can name. */
export interface RecipientFields {
  phone: string;
  name: string | null;
  pushName: string | null;
  email: string | null;
  attributes: Record<string, string | number>;
}

export function fieldValues(r: RecipientFields): (key: string) => string | null {
  return (key) => {
    switch (key) {
      case 'name':
        return r.name ?? r.pushName;
      case 'phone':
        return formatPhone(r.phone);
      case 'email':
        return r.email;
      default: {
        const v = r.attributes[key];
        return v === undefined ? null : String(v);
      }
    }
  };
}

/** The picks behind one rendered part, recorded on its send unit. */
export interface PartChoices {
  /** The random-text variant used (0-based), or null for other kinds. */
  variant: number | null;
  spins: number[];
}

export interface RenderedPart extends PartChoices {
  /** The text sent (an image's caption; null for an image without one). */
  text: string | null;
  missing: string[];
}

/**
 * Renders a part for one recipient. The generator is seeded by (campaign, contact, part), so every render of the
 * same recipient (the preview, the send, the send again after a crash) picks the same variant and options.
 */
export function renderPart(part: CompiledPart, fields: RecipientFields, campaignId: number, contactId: number): RenderedPart {
  const random = choiceRandom(campaignId, contactId, part.position);
  const values = fieldValues(fields);
  if (part.templates.length === 0) return { text: null, variant: null, spins: [], missing: [] };
  const variant = part.kind === 'random_text' ? Math.min(part.templates.length - 1, Math.floor(random() * part.templates.length)) : null;
  const out = renderTemplate(part.templates[variant ?? 0]!, values, random);
  return { text: out.text, variant, spins: out.spins, missing: out.missing };
}
