/** The embed's script tag (docs/contract.md §2): `<script async src=".../w.js" data-site="…">`. */

export interface Tag {
  /** w.js's own URL: the collector's origin and the UI chunk's base. */
  src: string;
  site: string;
  locale?: string;
  touchpoint?: string;
  user?: string;
  /** Only this survey is eligible. */
  survey?: string;
}

/** The tag's settings, or null when it names no site. */
export function readTag(): Tag | null {
  // currentScript is set while an async classic script runs; the queries cover odd loaders,
  // ours first: another vendor's tag may carry a data-site too.
  const script = (document.currentScript ||
    document.querySelector('script[src$="/w.js"][data-site]') ||
    document.querySelector('script[data-site]')) as HTMLScriptElement | null;
  return script?.dataset.site ? ({ ...script.dataset, src: script.src } as Tag) : null;
}
