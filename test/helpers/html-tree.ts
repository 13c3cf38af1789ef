import { parse } from 'parse5';

/** A parsed element or text node (parse5's default tree, the fields the tests read). */
export interface HtmlNode {
  nodeName: string;
  tagName?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  /** Text of a #text node. */
  value?: string;
  parentNode?: HtmlNode | null;
}

/**
 * An HTML document parsed as a browser parses it (parse5 is the HTML standard's parser; jsdom, which
 * builds on it, does not load inside jest's ESM mode on Node 20), with the few queries the report
 * tests need. `scripting` decides how <noscript> is read: markup (scripts off) or text (scripts on).
 */
export class HtmlTree {
  /** Every element, in document order. */
  readonly elements: HtmlNode[] = [];
  private readonly ids = new Map<string, HtmlNode>();

  constructor(html: string, scripting = false) {
    const walk = (node: HtmlNode) => {
      if (node.tagName) {
        this.elements.push(node);
        const id = attr(node, 'id');
        if (id !== null && !this.ids.has(id)) this.ids.set(id, node);
      }
      for (const child of node.childNodes ?? []) walk(child);
    };
    walk(parse(html, { scriptingEnabled: scripting }) as unknown as HtmlNode);
  }

  /** Elements of a tag (any tag when null) that pass `where`, in document order. */
  all(tag: string | null, where: (el: HtmlNode) => boolean = () => true, within?: HtmlNode): HtmlNode[] {
    return this.elements.filter((el) => (tag === null || el.tagName === tag) && where(el) && (!within || (el !== within && isInside(el, within))));
  }

  byId(id: string): HtmlNode | undefined {
    return this.ids.get(id);
  }
}

export function attr(el: HtmlNode, name: string): string | null {
  return el.attrs?.find((a) => a.name === name)?.value ?? null;
}

export function hasClass(el: HtmlNode, name: string): boolean {
  return (attr(el, 'class') ?? '').split(/\s+/).includes(name);
}

export function text(node: HtmlNode): string {
  return node.nodeName === '#text' ? (node.value ?? '') : (node.childNodes ?? []).map(text).join('');
}

function isInside(node: HtmlNode, ancestor: HtmlNode): boolean {
  for (let n = node.parentNode; n; n = n.parentNode) if (n === ancestor) return true;
  return false;
}

/** The nearest ancestor (or the node itself) of a tag. */
export function closest(node: HtmlNode, tag: string): HtmlNode | null {
  for (let n: HtmlNode | null | undefined = node; n; n = n.parentNode) if (n.tagName === tag) return n;
  return null;
}
