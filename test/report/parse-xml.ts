import { SaxesParser } from 'saxes';

/** A minimal element tree, enough to read a JUnit report back. */
export interface XmlElement {
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** The element's own text, concatenated (not its descendants'). */
  text: string;
}

/**
 * Parses `xml` with saxes, a strict XML 1.0 parser (it rejects NUL, lone surrogates and other
 * characters XML forbids). Throws on the first error, so a test fails on any malformed output.
 */
export function parseXml(xml: string): XmlElement {
  const parser = new SaxesParser({ xmlns: false });
  const errors: Error[] = [];
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('error', (error) => errors.push(error));
  parser.on('opentag', (tag) => {
    const element: XmlElement = { name: tag.name, attributes: { ...tag.attributes }, children: [], text: '' };
    const parent = stack.at(-1);
    if (parent === undefined) root = element;
    else parent.children.push(element);
    stack.push(element);
  });
  parser.on('closetag', () => stack.pop());
  parser.on('text', (text) => {
    const current = stack.at(-1);
    if (current !== undefined) current.text += text;
  });
  parser.write(xml).close();
  if (errors.length > 0) throw new Error(`invalid XML: ${errors.map((e) => e.message).join('; ')}`);
  if (root === undefined) throw new Error('invalid XML: no root element');
  return root;
}

/** Every element below `element` (depth first) with the given name. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((child) => [...(child.name === name ? [child] : []), ...findAll(child, name)]);
}

/** The single child of `element` with the given name; throws when there is none. */
export function child(element: XmlElement, name: string): XmlElement {
  const found = element.children.find((c) => c.name === name);
  if (found === undefined) throw new Error(`<${element.name}> has no <${name}>`);
  return found;
}
