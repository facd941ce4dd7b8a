/**
 * The local demo page (`npm run dev`, then /demo): each survey kind in each
 * locale, opened through the real embed, and the scores they produce. Served
 * only in development (routes/demo.ts). Under a strict CSP: no inline script
 * or style, so it also shows that the widget needs none.
 */

/** The demo seed's read key (worker/seed/demo.sql): local data only. */
const DEMO_READ_KEY = 'cxr_demo0000_localdemo00000000000000000000000';

export const DEMO_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cx-feedback widget demo</title>
<link rel="stylesheet" href="/demo/demo.css">
<script src="/demo/demo.js" defer></script>
</head>
<body>
<main>
<h1>Widget demo</h1>
<p>Each link opens this page with the embed, as a site would paste it, and asks one survey:</p>
<pre><code id="snippet">&lt;script async src="/w.js" data-site="demo"&gt;&lt;/script&gt;
cx('show', 'demo-nps');</code></pre>
<table>
<thead><tr><th scope="col">Survey</th><th scope="col">English</th><th scope="col" lang="fa">فارسی</th><th scope="col" lang="ar">العربية</th></tr></thead>
<tbody>
<tr><th scope="row">NPS (0–10), then reasons</th><td><a href="/demo?survey=demo-nps&amp;locale=en">Open</a></td><td><a href="/demo?survey=demo-nps&amp;locale=fa" lang="fa">باز کردن</a></td><td><a href="/demo?survey=demo-nps&amp;locale=ar" lang="ar">فتح</a></td></tr>
<tr><th scope="row">CSAT (faces)</th><td><a href="/demo?survey=demo-csat&amp;locale=en">Open</a></td><td><a href="/demo?survey=demo-csat&amp;locale=fa" lang="fa">باز کردن</a></td><td><a href="/demo?survey=demo-csat&amp;locale=ar" lang="ar">فتح</a></td></tr>
<tr><th scope="row">CES (1–7)</th><td><a href="/demo?survey=demo-ces&amp;locale=en">Open</a></td><td><a href="/demo?survey=demo-ces&amp;locale=fa" lang="fa">باز کردن</a></td><td><a href="/demo?survey=demo-ces&amp;locale=ar" lang="ar">فتح</a></td></tr>
</tbody>
</table>
<p class="note">One survey per page view: a link reloads the page. Answers are stored in the local D1 and read back below through
<code>GET /v1/sites/demo/scores</code> with the demo read key.</p>
<h2>Scores (last 30 days)</h2>
<p><button id="refresh" type="button">Refresh</button> <span id="status" role="status"></span></p>
<div id="scores"></div>
</main>
</body>
</html>
`;

export const DEMO_CSS = `body{font:16px/1.5 system-ui,sans-serif;margin:0;padding:24px;color:#1b1b1b;background:#fff}
main{max-width:760px}
table{border-collapse:collapse;margin:16px 0}
th,td{border:1px solid #ccc;padding:6px 12px;text-align:start}
pre{background:#f4f4f4;padding:12px;overflow:auto}
.note{color:#444}
.kind{margin:12px 0;padding:12px;border:1px solid #ccc;border-radius:8px}
.kind h3{margin:0 0 4px}
.bars{display:flex;gap:4px;align-items:flex-end;height:60px;margin-top:8px}
.bar{flex:1;background:#1f6feb;min-height:1px}
.labels{display:flex;gap:4px}
.labels span{flex:1;text-align:center;font-size:12px}
`;

export const DEMO_JS = String.raw`// The demo page: embed the widget the way a site does, then read the scores.
(function () {
  var params = new URLSearchParams(location.search);
  var survey = params.get('survey');
  var locale = params.get('locale') || 'en';

  // The documented stub: calls made before w.js loads are queued.
  window.cx = window.cx || function () { (cx.q = cx.q || []).push(arguments); };
  if (survey) {
    var tag = document.createElement('script');
    tag.async = true;
    tag.src = '/w.js';
    tag.dataset.site = 'demo';
    tag.dataset.locale = locale;
    document.head.appendChild(tag);
    cx('show', survey);
    document.getElementById('snippet').textContent =
      '<script async src="/w.js" data-site="demo" data-locale="' + locale + '"></script>\ncx(\'show\', \'' + survey + '\');';
  }

  var KINDS = [['nps', 'NPS', 0, 10], ['csat', 'CSAT', 1, 5], ['ces', 'CES', 1, 7]];

  function el(name, className, text) {
    var node = document.createElement(name);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function round(x) { return x === null ? '–' : String(Math.round(x * 10) / 10); }

  function render(kind, total) {
    var box = el('section', 'kind');
    box.appendChild(el('h3', '', kind[1]));
    box.appendChild(el('p', '', 'n = ' + total.n + ', score ' + round(total.score) +
      (total.ci95 ? ' (95 % CI ' + round(total.ci95[0]) + ' to ' + round(total.ci95[1]) + ')' : '') +
      ', shown ' + total.shown + ', dismissed ' + total.dismissed));
    var max = Math.max.apply(null, total.distribution.concat([1]));
    var bars = el('div', 'bars');
    var labels = el('div', 'labels');
    total.distribution.forEach(function (count, i) {
      var bar = el('div', 'bar');
      bar.style.height = (100 * count / max) + '%';
      bar.title = (kind[2] + i) + ': ' + count;
      bars.appendChild(bar);
      labels.appendChild(el('span', '', String(kind[2] + i)));
    });
    box.appendChild(bars);
    box.appendChild(labels);
    return box;
  }

  // The NPS answers by the reason chosen after the score (an answer with two counts in both; null: none chosen).
  function reasons(answer) {
    var box = el('section', 'kind');
    box.appendChild(el('h3', '', 'NPS by reason'));
    var list = el('ul');
    answer.groups.forEach(function (group) {
      list.appendChild(el('li', '', (group.key || 'no reason') + ': n = ' + group.n + ', score ' + round(group.score) +
        (group.ci95 ? ' (' + round(group.ci95[0]) + ' to ' + round(group.ci95[1]) + ')' : '')));
    });
    box.appendChild(list);
    return box;
  }

  function scores(query) {
    return fetch('/v1/sites/demo/scores?' + query, { headers: { authorization: 'Bearer ${DEMO_READ_KEY}' } })
      .then(function (res) { return res.ok ? res.json() : Promise.reject(new Error(res.status + ' ' + res.statusText)); });
  }

  function refresh() {
    var status = document.getElementById('status');
    status.textContent = 'Loading…';
    Promise.all(KINDS.map(function (kind) { return scores('kind=' + kind[0]); }).concat([scores('kind=nps&group_by=reason')])).then(function (answers) {
      var scores = document.getElementById('scores');
      var byReason = answers.pop();
      scores.replaceChildren.apply(scores, answers.map(function (answer, i) { return render(KINDS[i], answer.total); }).concat([reasons(byReason)]));
      status.textContent = 'Updated ' + new Date().toLocaleTimeString();
    }, function (error) {
      status.textContent = 'Could not read the scores: ' + error.message;
    });
  }

  document.getElementById('refresh').addEventListener('click', refresh);
  // Clicks inside the widget reach the page as clicks on <cx-survey>: refresh once the answer is in.
  document.addEventListener('click', function (event) {
    if (event.target && event.target.tagName === 'CX-SURVEY') setTimeout(refresh, 800);
  });
  refresh();
})();
`;
