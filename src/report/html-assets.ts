import { createHash } from 'node:crypto';

/** The page's only style sheet, inline so the file works offline and alone. */
export const REPORT_CSS = `
:root { --fail: #b42318; --fail-bg: #fdecea; --warn: #8a5a00; --warn-bg: #fff4d6; --pass: #1d6b38; --pass-bg: #e7f5ec;
  --skip: #555; --skip-bg: #eeeeee; --error: #6b21a8; --error-bg: #f3e8ff; --line: #d0d4da; --muted: #5b6470; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1200px; padding: 1.5rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1c2430; background: #fff; }
h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
h2 { font-size: 1.2rem; margin: 2rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05rem; margin: 0; }
h4 { font-size: .95rem; margin: 1rem 0 .4rem; }
a { color: #1a4fb5; }
code, pre, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: .85rem; }
pre { background: #f6f8fa; border: 1px solid var(--line); border-radius: 4px; padding: .5rem .7rem; overflow: auto; max-height: 22rem; white-space: pre-wrap; word-break: break-all; margin: .3rem 0; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: anywhere; }
th { background: #f2f4f7; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: var(--muted); margin: 0 0 .8rem; }
.meta span { margin-right: 1.2rem; }
.totals { display: flex; flex-wrap: wrap; gap: .5rem; margin: .6rem 0; }
.badge { display: inline-block; padding: .05rem .5rem; border-radius: 999px; font-size: .8rem; font-weight: 600; white-space: nowrap; }
.badge.failed, .badge.fail { color: var(--fail); background: var(--fail-bg); }
.badge.warning, .badge.warn { color: var(--warn); background: var(--warn-bg); }
.badge.passed { color: var(--pass); background: var(--pass-bg); }
.badge.skipped, .badge.not_run, .badge.expected { color: var(--skip); background: var(--skip-bg); }
.badge.error { color: var(--error); background: var(--error-bg); }
.total { border: 1px solid var(--line); border-radius: 6px; padding: .4rem .8rem; }
.total strong { font-size: 1.2rem; margin-right: .3rem; }
.callout { border-left: 4px solid var(--fail); background: var(--fail-bg); padding: .6rem .9rem; margin: .8rem 0; border-radius: 0 4px 4px 0; }
.callout.note { border-color: var(--skip); background: var(--skip-bg); }
.zero { color: #a0a7b1; }
.count-failed { color: var(--fail); font-weight: 600; }
.count-warning { color: var(--warn); font-weight: 600; }
.count-error { color: var(--error); font-weight: 600; }
.filters { display: flex; flex-wrap: wrap; gap: .4rem 1rem; align-items: center; margin: .5rem 0; padding: .5rem .8rem; background: #f6f8fa; border: 1px solid var(--line); border-radius: 6px; }
.filters label { cursor: pointer; }
.shown { color: var(--muted); margin-left: auto; }
.nowrap { white-space: nowrap; }
.scenario { border: 1px solid var(--line); border-left-width: 5px; border-radius: 6px; padding: .7rem 1rem; margin: .8rem 0; }
.scenario.failed { border-left-color: var(--fail); }
.scenario.warning { border-left-color: #e0a100; }
.scenario.passed { border-left-color: #3a9a5b; }
.scenario.error { border-left-color: var(--error); }
.scenario.skipped, .scenario.not_run, .scenario.expected { border-left-color: #999; }
.scenario header { display: flex; flex-wrap: wrap; gap: .6rem; align-items: baseline; }
.scenario .title { color: var(--muted); }
.check { margin: .7rem 0 .2rem; }
.check-head { font-weight: 600; }
.finding { margin: .4rem 0 .6rem 1rem; padding: .4rem .7rem; border-left: 3px solid var(--line); }
.finding.fail { border-left-color: var(--fail); }
.finding.warn { border-left-color: #e0a100; }
.finding dl { display: grid; grid-template-columns: max-content 1fr; gap: .15rem .8rem; margin: .3rem 0 0; }
.finding dt { color: var(--muted); }
.finding dd { margin: 0; overflow-wrap: anywhere; }
.step { margin-top: .8rem; padding-top: .4rem; border-top: 1px dashed var(--line); }
.timeline { max-height: 24rem; overflow: auto; border: 1px solid var(--line); border-radius: 4px; }
.timeline table { margin: 0; width: auto; min-width: 60%; }
.timeline thead th { position: sticky; top: 0; }
.timeline td, .timeline th { padding: .1rem .5rem; font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .82rem; }
.timeline tr.offending td { background: var(--fail-bg); color: var(--fail); font-weight: 700; }
.timeline tr.offending.warn td { background: var(--warn-bg); color: var(--warn); }
.timeline tr:target td { outline: 2px solid #1a4fb5; }
details > summary { cursor: pointer; color: var(--muted); }
[hidden] { display: none !important; }
`;

/** Hides and shows scenarios (cards and overview rows) by the status boxes ticked; scrolls timelines to the offending event. */
export const REPORT_SCRIPT = `
(function () {
  var boxes = document.querySelectorAll('input[data-filter]');
  var items = document.querySelectorAll('[data-status]');
  var shownCount = document.getElementById('shown-count');
  function apply() {
    var wanted = {};
    boxes.forEach(function (box) { wanted[box.getAttribute('data-filter')] = box.checked; });
    var shown = 0;
    items.forEach(function (item) {
      var visible = wanted[item.getAttribute('data-status')] === true;
      item.hidden = !visible;
      if (visible && item.classList.contains('scenario')) shown += 1;
    });
    if (shownCount) shownCount.textContent = String(shown);
  }
  boxes.forEach(function (box) { box.addEventListener('change', apply); });
  apply();
  // A long timeline opens scrolled to its first offending event, without moving the page.
  document.querySelectorAll('.timeline').forEach(function (box) {
    var row = box.querySelector('tr.offending');
    if (row) box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 2);
  });
})();
`;

/**
 * A page's Content-Security-Policy: nothing is loaded from anywhere, and only its own inline style
 * sheet and script may run, so even markup that slipped past the escaping could not execute.
 */
export function contentSecurityPolicy(css: string, script: string): string {
  return [
    "default-src 'none'",
    `style-src '${sha256(css)}'`,
    `script-src '${sha256(script)}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * A whole self-contained page: its head (charset, the Content-Security-Policy of `css` and
 * `script`, viewport, title and style sheet), the body's parts, and the script last. `title` must
 * already be escaped.
 */
export function htmlPage(page: { title: string; css: string; script: string; body: readonly string[] }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy(page.css, page.script)}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${page.title}</title>`,
    `<style>${page.css}</style>`,
    '</head>',
    '<body>',
    ...page.body,
    `<script>${page.script}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

function sha256(text: string): string {
  return `sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}`;
}
