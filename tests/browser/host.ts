/**
 * The host pages: a tiny site on another origin than the collector that
 * pastes the embed as a site owner would. Everything about a page comes from
 * its query string, so tests read like the page they ask for:
 *
 *   /checkout/done?site=KEY&locale=fa&lang=ar&touchpoint=checkout
 *     &show=SURVEY_ID          queue cx('show', …) before w.js loads
 *     &csp=strict              Content-Security-Policy without 'unsafe-inline'
 *     &hostile=css,array,arraymethods,cx,storage   a page that fights back
 *     &tall=1                  a long page, for scroll triggers
 *     &nosite=1                the tag without data-site
 *     &vendor=1                another vendor's script[data-site] before ours
 *     &module=1                our tag as type=module (no document.currentScript)
 *
 * Page scripts are files (never inline), so the same page runs under a strict CSP.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function pageHtml(url: URL, collector: string): string {
  const q = url.searchParams;
  const hostile = (q.get('hostile') ?? '').split(',');
  const attrs = [
    `src="${escapeHtml(collector)}/w.js"`,
    q.get('nosite') ? '' : `data-site="${escapeHtml(q.get('site') ?? '')}"`,
    ...['locale', 'touchpoint', 'user', 'survey'].map((name) => (q.has(name) ? `data-${name}="${escapeHtml(q.get(name)!)}"` : '')),
  ].filter(Boolean);
  const lang = q.has('lang') ? ` lang="${escapeHtml(q.get('lang')!)}"` : '';
  const tall = q.get('tall') ? '<div class="spacer"></div><p id="bottom">Bottom of the page.</p>' : '';
  const vendor = q.get('vendor') ? '<script async src="/vendor.js" data-site="vendor-site-key"></script>' : '';
  if (q.get('module')) attrs.unshift('type="module"');
  return `<!doctype html>
<html${lang}>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Host shop</title>
<link rel="stylesheet" href="/host.css">
${hostile.includes('css') ? '<link rel="stylesheet" href="/hostile.css">' : ''}
<script src="/page.js?${escapeHtml(q.toString())}"></script>
${vendor}
<script async ${attrs.join(' ')}></script>
</head>
<body>
<main>
<h1>Host shop</h1>
<p>A page on another origin than the collector, with the embed pasted in its head.</p>
<p><a id="link" href="/other">Another page</a> <button id="host-button" type="button">A host button</button></p>
${tall}
</main>
</body>
</html>`;
}

/** Runs before w.js: the documented stub, queued commands, and hostile behaviour. */
function pageScript(url: URL): string {
  const q = url.searchParams;
  const hostile = (q.get('hostile') ?? '').split(',');
  const lines = [
    // CSP violations and page errors are recorded for the tests to read.
    'window.__violations = [];',
    "document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));",
  ];
  if (hostile.includes('cx')) lines.push('window.cx = "the page uses this name";');
  else lines.push('window.cx = window.cx || function () { (cx.q = cx.q || []).push(arguments) };');
  if (hostile.includes('array')) {
    // What old libraries did: enumerable additions, a toJSON that breaks JSON.stringify of arrays.
    lines.push(
      'Array.prototype.hostile = function () { throw new Error("hostile") };',
      'Array.prototype.toJSON = function () { return "hostile" };',
      'Object.prototype.hostileToo = 1;',
    );
  }
  if (hostile.includes('arraymethods')) {
    // A page that broke the array methods outright.
    lines.push(
      "for (const name of ['map', 'filter', 'find', 'some', 'forEach', 'reduce']) Array.prototype[name] = function () { throw new Error('hostile ' + name) };",
    );
  }
  if (hostile.includes('storage')) {
    // Private mode in old Safari, or site data blocked: every access throws.
    lines.push(
      "Object.defineProperty(window, 'localStorage', { get() { throw new DOMException('blocked', 'SecurityError') } });",
    );
  }
  for (const name of ['identify', 'touchpoint']) {
    if (q.has(`cmd_${name}`)) lines.push(`cx(${JSON.stringify(name)}, ${JSON.stringify(q.get(`cmd_${name}`))});`);
  }
  if (q.has('show')) lines.push(`cx('show', ${JSON.stringify(q.get('show'))}, { meta: { plan: 'pro' } });`);
  return lines.join('\n') + '\n';
}

const HOST_CSS = `body{font:16px/1.5 Georgia,serif;margin:0;padding:24px;background:#fafaf7;color:#222}
main{max-width:640px}.spacer{height:4000px}`;

/** A host stylesheet that tries hard to restyle everything. */
const HOSTILE_CSS = `*{line-height:3 !important;letter-spacing:3px !important;font-family:"Comic Sans MS",cursive !important}
button{background:#f0f !important;color:#ff0 !important;padding:40px !important;font-size:40px !important;border:9px dotted lime !important;width:300px !important}
p,div,section{display:inline !important;margin:50px !important}
textarea{display:none !important}
body{direction:rtl;text-transform:uppercase;letter-spacing:5px}`;

export interface HostServer {
  origin: string;
  close(): Promise<void>;
}

export async function startHost(collector: string): Promise<HostServer> {
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://host.local');
    const send = (status: number, type: string, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': `${type}; charset=utf-8`, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    if (url.pathname == '/page.js') return send(200, 'text/javascript', pageScript(url));
    if (url.pathname == '/host.css') return send(200, 'text/css', HOST_CSS);
    if (url.pathname == '/hostile.css') return send(200, 'text/css', HOSTILE_CSS);
    if (url.pathname == '/favicon.ico') return send(404, 'text/plain', '');
    if (url.pathname == '/vendor.js') return send(200, 'text/javascript', '/* another vendor */');
    if (url.pathname == '/blank') return send(200, 'text/html', '<!doctype html><title>No widget here</title><p>No widget.</p>');
    const headers: Record<string, string> = {};
    if (url.searchParams.get('csp') == 'strict') {
      headers['content-security-policy'] = [
        "default-src 'none'",
        `script-src 'self' ${collector}`,
        `connect-src ${collector}`,
        "style-src 'self'",
        "img-src 'self'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].join('; ');
    }
    return send(200, 'text/html', pageHtml(url, collector), headers);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
