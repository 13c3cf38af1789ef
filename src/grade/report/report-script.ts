import { createHash } from 'node:crypto';
import { PAGE_SIZE } from './report-style.js';

/**
 * The report's one script: sorting, filtering and paging of the students table, the drill-down
 * lists' "filter the table" buttons, opening a student's section from a link, and building a
 * section's body and drawings when it opens (both kept as text until then: students.ts,
 * graph-drawings.ts).
 * It reads the page and changes it, and nothing else: the Content-Security-Policy allows this script
 * alone (by its hash) and no network access at all. Everything it builds, it builds with DOM calls
 * from the page's own text; the one innerHTML parses markup
 * the report itself wrote (a section's body, a drawing), kept as the text of a <noscript>.
 *
 * Plain ES2020 in a string (the page runs it as is): no backquotes or dollar-brace in it.
 */
const SCRIPT = String.raw`(function () {
'use strict';
document.documentElement.classList.add('js');
var PAGE = ${PAGE_SIZE};
var RULE_ORDER = { fail: 0, partial: 1, manual: 2, pass: 3, skipped: 4 };
function el(tag, props, kids) {
  var node = document.createElement(tag);
  Object.keys(props || {}).forEach(function (k) { node[k] = props[k]; });
  (kids || []).forEach(function (kid) { node.append(kid); });
  return node;
}
function labelled(text, control) {
  control.id = 'c-' + text.toLowerCase().replace(/ /g, '-');
  return el('span', {}, [el('label', { htmlFor: control.id, textContent: text }), ' ', control]);
}
function select(label, options, onChange) {
  var s = el('select', {}, options.map(function (o) { return el('option', { value: o[0], textContent: o[1] }); }));
  s.addEventListener('change', onChange);
  return { control: s, label: labelled(label, s) };
}
function ruleStatus(cell) {
  var m = cell && /(?:^| )k-(\w+)/.exec(cell.className);
  return m ? m[1] : '';
}
function parseInto(holder) {
  var t = document.createElement('template');
  t.innerHTML = holder.textContent;
  return t.content;
}
/** What ready() adds to a section once built (the drill-down's buttons). */
var onBuilt = function () {};
function build(section) {
  var body = section.querySelector(':scope > noscript');
  if (body) {
    body.replaceWith(parseInto(body));
    onBuilt(section);
  }
  drawIn(section);
}
function drawIn(scope) {
  scope.querySelectorAll('use').forEach(function (use) {
    var id = (use.getAttribute('href') || '').slice(1);
    if (!id || document.getElementById(id)) return;
    var holder = document.getElementById('d' + id);
    if (!holder) return;
    holder.after(parseInto(holder));
  });
}
function ready() {
  var table = document.getElementById('students');
  var sectionsBox = document.getElementById('sections');
  var controls = document.getElementById('controls');
  if (!table || !sectionsBox || !controls) return;
  var tbody = table.tBodies[0];
  var heads = Array.from(table.tHead.rows[0].cells);
  var rows = Array.from(tbody.rows);
  var position = new Map(rows.map(function (r, i) { return [r, i]; }));
  var texts = new Map();
  var state = { query: '', verdict: '', rule: -1, status: '', sort: -1, dir: 1, page: 0, size: PAGE };

  function text(r) {
    var t = texts.get(r);
    if (t === undefined) { t = r.textContent.toLowerCase(); texts.set(r, t); }
    return t;
  }
  function matches(r) {
    if (state.query && text(r).indexOf(state.query) < 0) return false;
    if (state.verdict && r.dataset.verdicts.split(' ').indexOf(state.verdict) < 0) return false;
    if (state.rule >= 0 && state.status) {
      var s = ruleStatus(r.cells[state.rule]);
      if (state.status === 'notpass' ? !(s === 'fail' || s === 'partial' || s === 'manual') : state.status === 'none' ? s !== '' : s !== state.status) return false;
    }
    return true;
  }
  function key(r, col) {
    var cell = r.cells[col];
    var kind = heads[col].dataset.sort;
    if (!cell) return '';
    if (kind === 'num') return parseFloat(cell.dataset.v);
    if (kind === 'rule') { var s = ruleStatus(cell); return s ? RULE_ORDER[s] : 9; }
    return cell.textContent.toLowerCase();
  }
  function compare(a, b) {
    if (state.sort >= 0) {
      var x = key(a, state.sort), y = key(b, state.sort);
      if (x < y) return -state.dir;
      if (x > y) return state.dir;
    }
    return position.get(a) - position.get(b);
  }
  var sections = new Map();
  Array.from(sectionsBox.children).forEach(function (s) { if (s.dataset.anchor) sections.set(s.dataset.anchor, s); });
  function sectionOf(r) {
    var link = r.cells[0] && r.cells[0].querySelector('a');
    return link ? sections.get(link.getAttribute('href').slice(1)) : undefined;
  }

  var search = el('input', { type: 'search', placeholder: 'student, name, anything in the row' });
  var verdict = select('Verdict', [['', 'any'], ['passed', 'passed'], ['failed', 'failed'], ['pending', 'pending review'], ['error', 'error'], ['missing', 'not handed in']], function () { state.verdict = verdict.control.value; state.page = 0; apply(); });
  var ruleOptions = [['-1', 'any rule']];
  heads.forEach(function (th, col) { if (th.dataset.rule) ruleOptions.push([String(col), th.title]); });
  var rule = select('Rule', ruleOptions, function () { state.rule = Number(rule.control.value); state.page = 0; apply(); });
  var status = select('Rule status', [['', 'any status'], ['fail', 'fail'], ['partial', 'partial'], ['manual', 'review'], ['notpass', 'fail, partial or review'], ['pass', 'pass'], ['skipped', 'skipped'], ['none', 'did not run']], function () { state.status = status.control.value; state.page = 0; apply(); });
  var size = select('Per page', [[String(PAGE), String(PAGE)], ['200', '200'], ['1000', '1000'], ['0', 'all']], function () { state.size = Number(size.control.value) || rows.length || 1; state.page = 0; apply(); });
  var prev = el('button', { type: 'button', textContent: '‹ previous' });
  var next = el('button', { type: 'button', textContent: 'next ›' });
  var info = el('span', {});
  info.setAttribute('aria-live', 'polite');
  var clear = el('button', { type: 'button', textContent: 'clear filters' });
  var timer = 0;
  search.addEventListener('input', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { state.query = search.value.trim().toLowerCase(); state.page = 0; apply(); }, 120);
  });
  prev.addEventListener('click', function () { state.page--; apply(); });
  next.addEventListener('click', function () { state.page++; apply(); });
  clear.addEventListener('click', function () { filter(-1, ''); search.value = ''; state.query = ''; verdict.control.value = ''; state.verdict = ''; apply(); });
  controls.append(labelled('Search', search), verdict.label, rule.label, status.label, size.label, clear, prev, next, info);

  heads.forEach(function (th, col) {
    if (!th.dataset.sort) return;
    var button = el('button', { type: 'button', textContent: th.textContent, title: 'sort by ' + (th.title || th.textContent) });
    button.addEventListener('click', function () {
      state.dir = state.sort === col ? -state.dir : (th.dataset.sort === 'text' ? 1 : th.dataset.sort === 'rule' ? 1 : -1);
      state.sort = col;
      heads.forEach(function (other) { other.removeAttribute('aria-sort'); });
      th.setAttribute('aria-sort', state.dir > 0 ? 'ascending' : 'descending');
      apply();
    });
    th.replaceChildren(button);
  });

  function filter(col, wanted) {
    state.rule = col; state.status = wanted; state.page = 0;
    rule.control.value = String(col); status.control.value = wanted;
  }
  onBuilt = function (section) {
    section.querySelectorAll('.who[data-rule]').forEach(function (who) {
      var col = heads.findIndex(function (th) { return th.dataset.rule === who.dataset.rule; });
      if (col < 0) return;
      var button = el('button', { type: 'button', textContent: 'show them in the table' });
      button.addEventListener('click', function () { filter(col, who.dataset.status); apply(); table.scrollIntoView(); });
      who.before(button, ' ');
    });
  };

  function apply() {
    var list = rows.filter(matches).sort(compare);
    var pages = Math.max(1, Math.ceil(list.length / state.size));
    state.page = Math.min(Math.max(0, state.page), pages - 1);
    var start = state.page * state.size;
    var page = list.slice(start, start + state.size);
    var shown = new Set(page);
    rows.forEach(function (r) { r.hidden = !shown.has(r); });
    tbody.append.apply(tbody, page);
    table.classList.add('paged');
    var onPage = new Set(page.map(sectionOf));
    sections.forEach(function (s) { s.hidden = !onPage.has(s) && !s.classList.contains('pinned'); });
    page.forEach(function (r) { var s = sectionOf(r); if (s) sectionsBox.append(s); });
    sectionsBox.classList.add('paged');
    info.textContent = list.length ? list.length + ' of ' + rows.length + ' students; showing ' + (start + 1) + '-' + (start + page.length) : 'no student matches (of ' + rows.length + ')';
    prev.disabled = state.page === 0;
    next.disabled = state.page >= pages - 1;
  }

  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && (sections.get(id) || document.getElementById(id));
    if (!target) return;
    for (var d = target; d; d = d.parentElement) {
      if (d.tagName === 'DETAILS') { d.hidden = false; d.classList.add('pinned'); d.open = true; }
    }
    target.scrollIntoView();
  }
  document.addEventListener('toggle', function (e) { if (e.target.tagName === 'DETAILS' && e.target.open) build(e.target); }, true);
  document.addEventListener('click', function (e) {
    var a = e.target.closest && e.target.closest('a[href^="#"]');
    if (a && a.getAttribute('href') === location.hash) setTimeout(reveal);
  });
  window.addEventListener('hashchange', reveal);
  apply();
  reveal();
  performance.mark('report-ready');
}
if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', ready);
else ready();
})();`;

/** The <script> element and the CSP source that allows it (and nothing else). */
export const REPORT_SCRIPT = {
  element: `<script>${SCRIPT}</script>`,
  hashSource: `'sha256-${createHash('sha256').update(SCRIPT, 'utf8').digest('base64')}'`,
};
