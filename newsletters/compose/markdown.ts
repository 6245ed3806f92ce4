// The editor's Markdown turned into neutral blocks of text runs. Raw HTML is kept as the text the
// editor typed (never as markup), links only when they are http(s), mailto or tel, and images
// become links: the renderers then escape everything, so no Markdown can inject markup.
import { Lexer, type Token, type Tokens } from "marked";
import { safeHref } from "../../knowledge/text/html.ts";
import { listTexts, type ListBlock, type RichBlock, type RichSpan, type RichText } from "./model.ts";

interface Style {
  bold?: boolean;
  italic?: boolean;
  href?: string;
}

/**
 * Parses Markdown into blocks.
 * @example
 * markdownToBlocks("Le **DAC** répond.") // [{ type: "paragraph", text: [{ text: "Le " }, { text: "DAC", bold: true }, { text: " répond." }] }]
 */
export function markdownToBlocks(markdown: string): RichBlock[] {
  const tokens = new Lexer({ gfm: true, breaks: false }).lex(markdown);
  return blocksOf(tokens);
}

function blocksOf(tokens: readonly Token[]): RichBlock[] {
  const blocks: RichBlock[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case "paragraph":
      case "text":
        pushParagraph(blocks, inlineOf((token as Tokens.Paragraph).tokens ?? [{ type: "text", raw: token.raw, text: (token as Tokens.Text).text }]));
        break;
      case "heading":
        blocks.push({ type: "heading", text: tidy(inlineOf((token as Tokens.Heading).tokens)) });
        break;
      case "list":
        blocks.push(listOf(token as Tokens.List));
        break;
      case "blockquote": {
        const paragraphs = blocksOf((token as Tokens.Blockquote).tokens).flatMap(textsOfBlock);
        if (paragraphs.length > 0) blocks.push({ type: "quote", paragraphs });
        break;
      }
      case "code":
        blocks.push({ type: "code", text: (token as Tokens.Code).text });
        break;
      case "html":
        // Typed HTML is shown as typed: an editor who writes <b> sees « <b> », nothing runs.
        pushParagraph(blocks, [{ text: (token as Tokens.HTML).raw.trim() }]);
        break;
      case "table": {
        const table = token as Tokens.Table;
        const rows = [table.header, ...table.rows].map((cells) => tidy(joinTexts(cells.map((cell) => inlineOf(cell.tokens)), " — ")));
        blocks.push({ type: "list", ordered: false, items: rows });
        break;
      }
      case "hr":
      case "space":
      case "def":
        break;
      default:
        if (token.raw.trim()) pushParagraph(blocks, [{ text: token.raw.trim() }]);
    }
  }
  return blocks;
}

function pushParagraph(blocks: RichBlock[], text: RichText): void {
  const tidied = tidy(text);
  if (tidied.length > 0) blocks.push({ type: "paragraph", text: tidied });
}

/** A list with its sub-lists: a list written inside an item stays under that item. */
function listOf(list: Tokens.List): ListBlock {
  const items: RichText[] = [];
  const sublists: (ListBlock | null)[] = [];
  for (const item of list.items) {
    const nested = item.tokens.filter((t): t is Tokens.List => t.type === "list").map(listOf);
    const parts = blocksOf(item.tokens.filter((t) => t.type !== "list")).flatMap(textsOfBlock);
    items.push(tidy(joinTexts(parts, " ")));
    // Two lists under one item (rare) read as one: their items follow each other.
    sublists.push(nested.length === 0 ? null : nested.length === 1 ? nested[0]! : { ...nested[0]!, items: nested.flatMap((l) => l.items), sublists: nested.flatMap((l) => l.sublists ?? l.items.map(() => null)) });
  }
  return sublists.some(Boolean) ? { type: "list", ordered: list.ordered, items, sublists } : { type: "list", ordered: list.ordered, items };
}

function textsOfBlock(block: RichBlock): RichText[] {
  switch (block.type) {
    case "paragraph":
    case "heading":
      return [block.text];
    case "list":
      return [...listTexts(block)].map((item) => [{ text: block.ordered ? "" : "– " }, ...item]);
    case "quote":
      return block.paragraphs;
    case "code":
      return [[{ text: block.text, code: true }]];
  }
}

function joinTexts(texts: RichText[], separator: string): RichText {
  return texts.flatMap((text, i) => (i === 0 ? text : [{ text: separator }, ...text]));
}

function inlineOf(tokens: readonly Token[], style: Style = {}): RichText {
  const spans: RichText = [];
  const push = (text: string, extra: Partial<RichSpan> = {}) => spans.push({ text, ...clean(style), ...extra });
  for (const token of tokens) {
    switch (token.type) {
      case "text":
      case "escape": {
        const t = token as Tokens.Text;
        if (t.tokens && t.tokens.length > 0) spans.push(...inlineOf(t.tokens, style));
        else push(decodeEntities(t.text).replace(/\s*\n\s*/g, " "));
        break;
      }
      case "strong":
        spans.push(...inlineOf((token as Tokens.Strong).tokens, { ...style, bold: true }));
        break;
      case "em":
        spans.push(...inlineOf((token as Tokens.Em).tokens, { ...style, italic: true }));
        break;
      case "del":
        spans.push(...inlineOf((token as Tokens.Del).tokens, style));
        break;
      case "codespan":
        push(decodeEntities((token as Tokens.Codespan).text), { code: true });
        break;
      case "br":
        push("\n");
        break;
      case "link": {
        const link = token as Tokens.Link;
        const href = safeHref(link.href);
        const inner = inlineOf(link.tokens, href ? { ...style, href } : style);
        spans.push(...(inner.length > 0 ? inner : [{ text: link.href, ...clean(style), ...(href ? { href } : {}) }]));
        break;
      }
      case "image": {
        const image = token as Tokens.Image;
        const href = safeHref(image.href);
        push(image.text || image.href, href ? { href } : {});
        break;
      }
      case "html":
        push(token.raw);
        break;
      default:
        push(token.raw);
    }
  }
  return spans;
}

function clean(style: Style): Partial<RichSpan> {
  const span: Partial<RichSpan> = {};
  if (style.bold) span.bold = true;
  if (style.italic) span.italic = true;
  if (style.href) span.href = style.href;
  return span;
}

/** Merges neighbouring runs of the same style and trims the ends. */
function tidy(text: RichText): RichText {
  const merged: RichText = [];
  for (const span of text) {
    if (span.text === "") continue;
    const last = merged.at(-1);
    if (last && sameStyle(last, span)) last.text += span.text;
    else merged.push({ ...span });
  }
  const first = merged[0];
  if (first) first.text = first.text.replace(/^\s+/, "");
  const last = merged.at(-1);
  if (last) last.text = last.text.replace(/\s+$/, "");
  return merged.filter((span) => span.text !== "");
}

function sameStyle(a: RichSpan, b: RichSpan): boolean {
  return a.bold === b.bold && a.italic === b.italic && a.code === b.code && a.href === b.href && a.abbr === b.abbr;
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/** marked leaves character references in text tokens; the model holds the characters themselves. */
function decodeEntities(value: string): string {
  return value.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (match, body: string) => {
    if (body[0] === "#") {
      const code = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
    }
    return NAMED[body.toLowerCase()] ?? match;
  });
}
