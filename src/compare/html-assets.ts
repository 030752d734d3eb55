import { REPORT_CSS } from '../report/html-assets.js';

/** The report page's style sheet, plus the matrix: status cells, section heads, sub-rows and the finding popover. */
export const COMPARE_CSS = `${REPORT_CSS}
body { max-width: 1600px; }
table.matrix { table-layout: auto; }
table.matrix th.column { min-width: 10rem; }
table.matrix tr > :first-child { min-width: 22rem; }
table.matrix .meta { margin: 0; }
table.matrix th.column .meta { font-weight: 400; font-size: .8rem; }
table.matrix tr.summary th, table.matrix tr.summary td { background: #f8f9fb; font-weight: 400; font-size: .85rem; }
table.matrix tr.section-head th { background: #e9edf3; font-size: .95rem; padding-top: .5rem; }
table.matrix tr.sub td:first-child { padding-left: 2.4rem; }
table.matrix tr.differs > td:first-child { box-shadow: inset 4px 0 0 #1a4fb5; }
td.cell { position: relative; white-space: nowrap; font-weight: 600; font-size: .85rem; }
td.cell.failed { color: var(--fail); background: var(--fail-bg); }
td.cell.warning { color: var(--warn); background: var(--warn-bg); }
td.cell.passed { color: var(--pass); background: var(--pass-bg); }
td.cell.error { color: var(--error); background: var(--error-bg); }
td.cell.skipped, td.cell.not_run, td.cell.expected { color: var(--skip); background: var(--skip-bg); }
td.cell.absent { color: #8a929c; background: repeating-linear-gradient(45deg, #fff, #fff 6px, #f3f4f6 6px, #f3f4f6 12px); font-weight: 400; }
td.cell .tip { display: none; position: absolute; z-index: 10; top: 100%; left: 0; width: 30rem; max-width: 80vw; padding: .5rem .7rem;
  background: #fff; color: #1c2430; border: 1px solid var(--line); border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.18);
  white-space: pre-wrap; font-weight: 400; font-size: .82rem; overflow-wrap: anywhere; }
td.cell:hover .tip, td.cell:focus .tip, td.cell:focus-within .tip { display: block; }
td.cell.last .tip { left: auto; right: 0; }
button.expand { border: 1px solid var(--line); background: #fff; border-radius: 4px; cursor: pointer; padding: 0 .35rem; margin-right: .3rem; font-size: .8rem; }
.callout.versions { border-color: #e0a100; background: var(--warn-bg); }
.callout.versions ul { margin: .3rem 0 0; }
`;

/** The "only differences" switch and the buttons that show a requirement's scenarios. */
export const COMPARE_SCRIPT = `
(function () {
  var only = document.getElementById('only-differences');
  var shown = document.getElementById('shown-rows');
  var expanded = {};
  function apply() {
    var differencesOnly = only.checked;
    var count = 0;
    document.querySelectorAll('tr[data-differs]').forEach(function (row) {
      var parent = row.getAttribute('data-parent');
      var visible = (!differencesOnly || row.getAttribute('data-differs') === 'true') && (parent === null || expanded[parent] === true);
      row.hidden = !visible;
      if (visible && row.classList.contains('row')) count += 1;
    });
    if (shown) shown.textContent = String(count);
  }
  only.addEventListener('change', apply);
  document.querySelectorAll('button[data-expand]').forEach(function (button) {
    button.addEventListener('click', function () {
      var id = button.getAttribute('data-expand');
      expanded[id] = !expanded[id];
      button.setAttribute('aria-expanded', String(expanded[id]));
      button.textContent = expanded[id] ? '\\u25be' : '\\u25b8';
      apply();
    });
  });
  apply();
})();
`;
