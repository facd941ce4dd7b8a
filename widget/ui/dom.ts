/**
 * JSX for the card without a virtual DOM. A card shows one step at a time, a
 * handful of elements, and each step is drawn anew; so `h` makes elements
 * directly and nothing is ever diffed. Text goes in as text nodes, never as
 * HTML. (Preact's diffing, which the console uses, would be 4.6 KB of the
 * widget's 9 KB for work the card never needs.)
 */
import type { JSX as PreactJSX } from 'preact';

export type Child = Node | string | number | boolean | null | undefined | Child[];
type Props = Record<string, unknown>;

/** What JSX may hold: nodes and text; `true`, `false`, `null` and `undefined` draw nothing. */
const nodes = (children: Child[]) => children.flat(9).filter((child) => child != null && typeof child != 'boolean') as (Node | string)[];

/** `<tag a="…" onClick={…}>…</tag>`: an element with its attributes, listeners and children; `<Component …/>` calls it. */
export function h(tag: string | ((props: never) => Node), props: Props | null, ...children: Child[]): Node {
  if (typeof tag != 'string') return (tag as (props: Props) => Node)({ ...props, children });
  const element = document.createElement(tag);
  for (const name in props) {
    const value = props[name];
    // `onClick` listens to `click`; the rest are attributes (`aria-pressed={false}` is "false", null leaves it out).
    if (name[0] == 'o' && name[1] == 'n') element.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    else if (value != null) element.setAttribute(name, value as string);
  }
  element.append(...nodes(children));
  return element;
}

/** `<>…</>`: the children, without an element around them. */
export function Fragment(props: { children?: Child }): Node {
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes([props.children]));
  return fragment;
}

/** JSX types: Preact's element attributes (names, events, ARIA), with DOM nodes as elements. */
export declare namespace h {
  namespace JSX {
    type Element = Node;
    type IntrinsicElements = PreactJSX.IntrinsicElements;
    interface ElementChildrenAttribute {
      children: unknown;
    }
  }
}
