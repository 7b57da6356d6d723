// The Tenet dashboard (docs/DASHBOARD.md): the philosophy scorecard from the web API, kept live
// from its server-sent event stream. Plain JavaScript, no build step, nothing from the network
// but this server's own API. The token comes from the address's fragment (#token=…, which the
// browser never sends to a server) or from the form, and is kept in this tab's sessionStorage.
'use strict';

(() => {
  const TOKEN_KEY = 'tenet.web.token';
  const DIMENSIONS = [
    { name: 'team', label: 'Team' },
    { name: 'channel', label: 'Channel' },
    { name: 'priority', label: 'Priority' },
    { name: 'segment', label: 'Segment' },
  ];
  const HISTORY_PERIODS = 6; // previous periods in each trend chart (the current one comes on top)
  const STALE_AFTER_MS = 45000; // the stream sends a keep-alive every 15 s
  const STATUS = {
    met: { icon: '✓', words: 'Met' },
    at_risk: { icon: '!', words: 'At risk' },
    missed: { icon: '✗', words: 'Missed' },
    no_data: { icon: '–', words: 'No data' },
  };

  const state = {
    token: null,
    filters: {}, // dimension → [values]
    scorecard: null, // the last /v1/scorecard reply
    figures: new Map(), // row key → series figure shown (live or filtered)
    history: new Map(), // row key → [{from, to, value}] previous periods, oldest first
    philosophy: null,
    lastUpdate: null,
    lastHeard: 0,
    liveUpdates: 0,
    stream: null, // AbortController of the live stream
    generation: 0, // bumped on every full reload, so late answers of an older one are dropped
    refetch: new Map(), // series → timer (filtered views re-ask a series after its metric event)
    alertsTimer: null,
    slaTimer: null,
    drill: null, // the row key drilled into
  };

  const $ = (id) => document.getElementById(id);

  // MARK: Elements

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === 'text') node.textContent = value;
      else if (name === 'class') node.className = value;
      else if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? '' : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  const SVG = 'http://www.w3.org/2000/svg';
  function svg(tag, attributes) {
    const node = document.createElementNS(SVG, tag);
    for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, String(value));
    return node;
  }

  // MARK: Token

  /** Moves a token from the fragment into sessionStorage and out of the address bar. */
  function takeToken() {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const given = fragment.get('token');
    if (given !== null) {
      fragment.delete('token');
      const rest = fragment.toString();
      history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
      if (given.trim()) sessionStorage.setItem(TOKEN_KEY, given.trim());
    }
    return sessionStorage.getItem(TOKEN_KEY);
  }

  function showAuth(message) {
    stopStream();
    state.generation += 1;
    $('main').hidden = true;
    $('forget').hidden = true;
    $('auth').hidden = false;
    $('auth-message').textContent = message || '';
    setLive('offline', 'Not connected');
    document.body.dataset.ready = 'false';
    $('token-input').focus();
  }

  class Unauthorized extends Error {}

  // MARK: The API

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: 'Bearer ' + state.token }, cache: 'no-store' });
    if (response.status === 401) {
      sessionStorage.removeItem(TOKEN_KEY);
      state.token = null;
      showAuth('The server refused the token (401 unauthorized). Paste the token from DATA/web.token.');
      throw new Unauthorized('401');
    }
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (_) { body = null; }
    if (!response.ok) {
      const message = body && body.error ? body.error.code + ': ' + body.error.message : 'HTTP ' + response.status;
      const error = new Error(message);
      error.status = response.status;
      throw error;
    }
    return body;
  }

  function query(path, parameters) {
    const search = new URLSearchParams();
    for (const [name, value] of parameters) search.append(name, value);
    return path + '?' + search.toString();
  }

  /** Runs `tasks` (functions returning promises) at most `width` at a time. */
  async function pool(tasks, width) {
    let next = 0;
    const workers = Array.from({ length: Math.min(width, tasks.length) }, async () => {
      while (next < tasks.length) {
        const task = tasks[next++];
        try { await task(); } catch (error) { if (error instanceof Unauthorized) throw error; }
      }
    });
    await Promise.all(workers);
  }

  // MARK: Filters (kept in the address: ?team=a&team=b&channel=chat)

  function readFilters() {
    const search = new URLSearchParams(location.search);
    const filters = {};
    for (const { name } of DIMENSIONS) {
      const values = [...new Set(search.getAll(name).filter((value) => value !== ''))];
      if (values.length) filters[name] = values;
    }
    return filters;
  }

  function filtered() {
    return Object.keys(state.filters).length > 0;
  }

  function writeFilters() {
    const search = new URLSearchParams(location.search);
    for (const { name } of DIMENSIONS) search.delete(name);
    for (const { name } of DIMENSIONS) for (const value of state.filters[name] || []) search.append(name, value);
    const text = search.toString();
    history.replaceState(history.state, '', location.pathname + (text ? '?' + text : '') + location.hash);
    showFilterSummary();
  }

  function showFilterSummary() {
    $('filter-summary').textContent = filtered() ? filterText(state.filters) : 'none: every conversation counts';
  }

  function filterText(filter) {
    return Object.entries(filter || {}).map(([name, values]) => name + ' = ' + values.join(', ')).join('; ');
  }

  async function loadFilterOptions(generation) {
    const container = $('filter-groups');
    const known = {};
    await pool(DIMENSIONS.map(({ name }) => async () => {
      try {
        const reply = await api(query('/v1/metrics', [['metric', 'volume_opened'], ['by', name]]));
        known[name] = reply.groups.map((group) => group.dimensions[name]).filter((value) => typeof value === 'string');
      } catch (error) {
        if (error instanceof Unauthorized) throw error;
        known[name] = [];
      }
    }), 4);
    if (generation !== state.generation) return;
    container.replaceChildren(...DIMENSIONS.map(({ name, label }) => filterGroup(name, label, known[name] || [])));
  }

  function filterGroup(name, label, known) {
    const selected = state.filters[name] || [];
    const values = [...new Set([...known, ...selected])].sort();
    const fieldset = el('fieldset', { class: 'filter', 'data-dimension': name }, el('legend', { text: label }));
    if (!values.length) fieldset.append(el('p', { class: 'hint', text: 'No ' + label.toLowerCase() + ' seen yet.' }));
    values.forEach((value, index) => {
      const id = 'filter-' + name + '-' + index;
      fieldset.append(el('div', { class: 'check' },
        el('input', { type: 'checkbox', id, name, value, checked: selected.includes(value), onchange: onFilterChange }),
        el('label', { for: id, text: value })));
    });
    const inputID = 'filter-' + name + '-other';
    const input = el('input', { type: 'text', id: inputID, class: 'other', autocomplete: 'off', placeholder: 'another value' });
    const add = el('button', { type: 'button', class: 'quiet', text: 'Add', 'aria-label': 'Add a ' + label.toLowerCase() + ' value' });
    const addValue = () => {
      const value = input.value.trim();
      if (!value) return;
      state.filters[name] = [...new Set([...(state.filters[name] || []), value])];
      applyFilters();
    };
    add.addEventListener('click', addValue);
    input.addEventListener('keydown', (event) => { if (event.key === 'Enter') { event.preventDefault(); addValue(); } });
    fieldset.append(el('div', { class: 'other-row' }, el('label', { for: inputID, class: 'visually-hidden', text: 'Another ' + label.toLowerCase() }), input, add));
    return fieldset;
  }

  function onFilterChange() {
    const filters = {};
    for (const box of document.querySelectorAll('#filter-groups input[type=checkbox]')) {
      if (box.checked) (filters[box.name] = filters[box.name] || []).push(box.value);
    }
    state.filters = filters;
    applyFilters();
  }

  function applyFilters() {
    writeFilters();
    reload();
  }

  // MARK: Figures

  function rowKey(figure) {
    const dimensions = figure.figure && figure.figure.dimensions ? figure.figure.dimensions : {};
    const parts = Object.keys(dimensions).sort().map((name) => name + '=' + (dimensions[name] === null ? '' : dimensions[name]));
    return figure.series + (parts.length ? '|' + parts.join(',') : '');
  }

  /** The series' filter with the row's group and the page's filters: what a query for this row takes. */
  function rowFilter(figure) {
    const filter = {};
    for (const [name, values] of Object.entries(figure.filter || {})) filter[name] = values.slice();
    const dimensions = (figure.figure && figure.figure.dimensions) || {};
    for (const [name, value] of Object.entries(dimensions)) {
      if (value === null) return null; // a group of "no value" cannot be written as a filter
      filter[name] = filter[name] ? filter[name].filter((v) => v === value) : [value];
    }
    for (const [name, values] of Object.entries(state.filters)) {
      filter[name] = filter[name] ? filter[name].filter((v) => values.includes(v)) : values.slice();
    }
    if (Object.values(filter).some((values) => values.length === 0)) return 'empty';
    return filter;
  }

  function whereParameters(filter) {
    return Object.entries(filter).map(([name, values]) => ['where.' + name, values.join(',')]);
  }

  function baseParameters(figure) {
    return [['metric', figure.metric], ['stat', figure.stat], ['hours', figure.hours]];
  }

  /** Asks /v1/metrics for the row's figure with the page's filters; returns a series figure. */
  async function filteredFigure(figure) {
    const filter = rowFilter(figure);
    const copy = JSON.parse(JSON.stringify(figure));
    copy.filtered = true;
    if (filter === null || filter === 'empty') {
      copy.figure = { dimensions: figure.figure.dimensions, sample_size: 0 };
      copy.status = figure.target ? 'no_data' : undefined;
      copy.unavailable = filter === null ? 'this group cannot be filtered' : 'no value passes both filters';
      return copy;
    }
    const reply = await api(query('/v1/metrics', [...baseParameters(figure), ['period', figure.period], ...whereParameters(filter)]));
    const group = reply.groups[0] || { sample_size: 0 };
    copy.figure = Object.assign({}, group, { dimensions: figure.figure.dimensions });
    copy.from = reply.from || figure.from;
    copy.to = reply.to || figure.to;
    copy.last_seq = reply.last_seq;
    copy.status = figure.target ? statusFor(figure.target, group.value, figure.unit) : undefined;
    return copy;
  }

  /** `met` or `missed` against a target like `<= 1h`, `>= 90%`, `< 8m` (filtered figures; the
   *  plugin's own status, with its at-risk band, is shown without filters). */
  function statusFor(target, value, unit) {
    if (value === undefined || value === null) return 'no_data';
    const match = /^\s*(<=|>=|<|>|=)\s*(-?[0-9.]+)\s*([a-z%]*)\s*$/i.exec(target);
    if (!match) return undefined;
    const seconds = { s: 1, m: 60, min: 60, h: 3600, d: 86400 };
    let bound = parseFloat(match[2]);
    if (unit === 'seconds' && seconds[match[3]]) bound *= seconds[match[3]];
    switch (match[1]) {
      case '<=': return value <= bound ? 'met' : 'missed';
      case '<': return value < bound ? 'met' : 'missed';
      case '>=': return value >= bound ? 'met' : 'missed';
      case '>': return value > bound ? 'met' : 'missed';
      default: return value === bound ? 'met' : 'missed';
    }
  }

  function lowerIsBetter(figure) {
    if (figure.target) return /^\s*</.test(figure.target);
    return figure.unit === 'seconds' || figure.metric === 'backlog' || /rate$/.test(figure.metric) && /reopen|transfer|escalation|abandon/.test(figure.metric);
  }

  // MARK: Formatting

  function formatValue(value, unit, currency) {
    if (value === undefined || value === null) return '–';
    switch (unit) {
      case 'seconds': return formatSeconds(value);
      case 'percent': return value.toFixed(1) + '%';
      case 'points': return (value > 0 ? '+' : '') + value.toFixed(1);
      case 'count': return Number.isInteger(value) ? String(value) : value.toFixed(2);
      case 'score': return value.toFixed(2);
      default: return value.toFixed(2) + (currency ? ' ' + currency : unit ? ' ' + unit : '');
    }
  }

  function formatSeconds(total) {
    const sign = total < 0 ? '−' : '';
    let seconds = Math.abs(total);
    if (seconds < 60) return sign + (Number.isInteger(seconds) ? seconds : seconds.toFixed(1)) + 's';
    seconds = Math.round(seconds);
    const d = Math.floor(seconds / 86400), h = Math.floor(seconds % 86400 / 3600), m = Math.floor(seconds % 3600 / 60), s = seconds % 60;
    if (d) return sign + d + 'd ' + h + 'h';
    if (h) return sign + h + 'h ' + m + 'm';
    return sign + m + 'm ' + s + 's';
  }

  function formatDifference(difference, unit) {
    const shown = unit === 'seconds' ? Math.round(Math.abs(difference)) : unit === 'count' ? Math.round(Math.abs(difference)) : Math.round(Math.abs(difference) * (unit === 'percent' ? 10 : 100));
    if (shown === 0) return '±0';
    if (unit === 'seconds') return (difference >= 0 ? '+' : '−') + formatSeconds(Math.abs(difference));
    if (unit === 'percent') return (difference >= 0 ? '+' : '−') + Math.abs(difference).toFixed(1) + ' pts';
    return (difference >= 0 ? '+' : '−') + Math.abs(difference).toFixed(unit === 'count' ? 0 : 2);
  }

  function formatTime(text) {
    if (!text) return '';
    const date = new Date(text);
    return isNaN(date) ? text : date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  }

  function periodText(figure) {
    return figure.period.replace(/^rolling_(\d+)d$/, 'last $1 days');
  }

  function metricText(figure) {
    const stat = figure.stat + (figure.hours === 'business' ? ', business hours' : '');
    const dimensions = Object.entries((figure.figure && figure.figure.dimensions) || {})
      .map(([name, value]) => name + ' = ' + (value === null ? '(none)' : value));
    const filter = filterText(figure.filter);
    return { name: figure.metric, detail: [stat, periodText(figure), filter, ...dimensions].filter(Boolean).join(' · ') };
  }

  // MARK: The scorecard

  function groupTitle(figure) {
    if (figure.value_name) return { key: 'value:' + figure.value_name, title: figure.value_name, kind: 'value' };
    if (figure.team) return { key: 'team:' + figure.team, title: 'Team ' + figure.team, kind: 'team' };
    return { key: 'other', title: 'Volume and backlog', kind: 'other' };
  }

  function actionOf(valueName) {
    const values = (state.philosophy && state.philosophy.values) || [];
    const value = values.find((v) => v.name === valueName);
    return value ? value.action : '';
  }

  function renderScorecard() {
    const container = $('scorecard');
    const groups = new Map();
    for (const figure of state.figures.values()) {
      const group = groupTitle(figure);
      if (!groups.has(group.key)) groups.set(group.key, Object.assign(group, { rows: [] }));
      groups.get(group.key).rows.push(figure);
    }
    if (!groups.size) {
      container.replaceChildren(el('p', { class: 'hint', text: 'The metrics plugin has no standing series yet (no philosophy loaded?).' }));
      return;
    }
    const order = (group) => (group.kind === 'value' ? 0 : group.kind === 'team' ? 1 : 2);
    const sorted = [...groups.values()].sort((a, b) => order(a) - order(b));
    container.replaceChildren(...sorted.map((group) => {
      const caption = el('caption', {},
        el('span', { class: 'caption-title', text: group.title }),
        group.kind === 'value' && actionOf(group.title) ? el('span', { class: 'action', text: actionOf(group.title) }) : null);
      const head = el('thead', {}, el('tr', {},
        ...['Key metric', 'Target', 'Actual', 'N', 'Trend', 'Status', 'Behind it'].map((title) => el('th', { scope: 'col', text: title }))));
      const body = el('tbody', {}, ...group.rows.map((figure) => renderRow(figure)));
      return el('table', { class: 'scorecard', 'data-group': group.key }, caption, head, body);
    }));
  }

  function renderRow(figure) {
    const key = rowKey(figure);
    const label = metricText(figure);
    const row = el('tr', { 'data-series': figure.series, 'data-key': key },
      el('th', { scope: 'row', class: 'metric' }, el('span', { class: 'metric-name', text: label.name }), el('span', { class: 'metric-detail', text: label.detail })),
      el('td', { class: 'target', text: figure.target || '—' }),
      el('td', { class: 'actual num' }),
      el('td', { class: 'sample num' }),
      el('td', { class: 'trend' }),
      el('td', { class: 'status' }),
      el('td', { class: 'drill' }, el('button', {
        type: 'button', class: 'quiet', text: 'Conversations',
        'aria-label': 'Conversations behind ' + label.name + ' (' + label.detail + ')',
        onclick: () => openDrill(key),
      })));
    fillRow(row, figure);
    return row;
  }

  /** Writes a figure into its row's cells (used for the first render and every live update). */
  function fillRow(row, figure) {
    const value = figure.figure ? figure.figure.value : undefined;
    const hasValue = typeof value === 'number';
    const actual = row.querySelector('.actual');
    const text = figure.unavailable ? '–' : formatValue(value, figure.unit, figure.figure && figure.figure.currency);
    const statusWords = figure.status && STATUS[figure.status] ? STATUS[figure.status].words : '';
    if (row.isConnected && (actual.textContent !== text || row.querySelector('.status').dataset.status !== (figure.status || ''))) {
      announce(figure.metric + ' (' + periodText(figure) + '): ' + text + (statusWords ? ', ' + statusWords.toLowerCase() : ''));
    }
    if (actual.textContent !== text) actual.textContent = text;
    actual.dataset.metric = figure.metric;
    actual.dataset.stat = figure.stat;
    actual.dataset.unit = figure.unit;
    if (hasValue) actual.dataset.value = String(value); else delete actual.dataset.value;
    if (figure.unavailable) actual.title = figure.unavailable; else actual.removeAttribute('title');
    const figureBody = figure.figure || {};
    const sample = row.querySelector('.sample');
    sample.textContent = String(figureBody.sample_size || 0);
    sample.dataset.sampleSize = String(figureBody.sample_size || 0);
    if (typeof figureBody.numerator === 'number') sample.title = figureBody.numerator + ' of ' + figureBody.denominator;
    const status = row.querySelector('.status');
    const known = figure.status && STATUS[figure.status];
    status.dataset.status = figure.status || '';
    status.className = 'status' + (known ? ' status-' + figure.status : '');
    status.replaceChildren(known
      ? el('span', { class: 'badge' }, el('span', { class: 'icon', 'aria-hidden': 'true', text: known.icon }), ' ' + known.words)
      : el('span', { class: 'hint', text: 'no target' }));
    row.dataset.lastSeq = String(figure.last_seq);
    fillTrend(row, figure);
  }

  function fillTrend(row, figure) {
    const cell = row.querySelector('.trend');
    const history = state.history.get(row.dataset.key);
    const value = figure.figure ? figure.figure.value : undefined;
    if (!history) { cell.replaceChildren(el('span', { class: 'hint', text: '…' })); return; }
    const previous = history.length ? history[history.length - 1].value : undefined;
    const parts = [];
    if (typeof value === 'number' && typeof previous === 'number') {
      const difference = value - previous;
      const better = difference === 0 ? 'same' : (difference < 0) === lowerIsBetter(figure) ? 'better' : 'worse';
      const arrow = difference === 0 ? '→' : difference > 0 ? '↑' : '↓';
      const words = difference === 0 ? 'same as' : (difference > 0 ? 'up' : 'down') + ', ' + better + ', vs';
      parts.push(el('span', { class: 'delta delta-' + better, 'data-previous': String(previous) },
        el('span', { 'aria-hidden': 'true', text: arrow + ' ' }),
        el('span', { class: 'visually-hidden', text: words + ' the previous period: ' }),
        difference === 0 ? '±0' : formatDifference(difference, figure.unit)));
    } else {
      parts.push(el('span', { class: 'hint', text: typeof previous === 'number' ? 'no current data' : 'no previous data' }));
    }
    const points = history.map((point) => point.value).concat([typeof value === 'number' ? value : undefined]);
    const chart = sparkline(points, figure);
    if (chart) parts.push(chart);
    cell.replaceChildren(...parts);
  }

  /** A small line chart of the periods' values (gaps where a period has no data), with a text alternative. */
  function sparkline(points, figure) {
    const known = points.filter((v) => typeof v === 'number');
    if (known.length < 2) return null;
    const width = 96, height = 24, pad = 3;
    const min = Math.min(...known), max = Math.max(...known);
    const x = (i) => pad + (width - 2 * pad) * i / Math.max(1, points.length - 1);
    const y = (v) => max === min ? height / 2 : height - pad - (height - 2 * pad) * (v - min) / (max - min);
    const description = points.map((v) => formatValue(v, figure.unit)).join(', ');
    const chart = svg('svg', { class: 'spark', viewBox: '0 0 ' + width + ' ' + height, width, height, role: 'img', 'aria-label': 'Trend over ' + points.length + ' periods, oldest first: ' + description });
    let path = '';
    points.forEach((v, i) => {
      if (typeof v !== 'number') return;
      path += (path && typeof points[i - 1] === 'number' ? 'L' : 'M') + x(i).toFixed(1) + ' ' + y(v).toFixed(1);
    });
    chart.append(svg('path', { d: path, class: 'spark-line' }));
    const last = points.length - 1;
    if (typeof points[last] === 'number') chart.append(svg('circle', { cx: x(last).toFixed(1), cy: y(points[last]).toFixed(1), r: 2.5, class: 'spark-dot' }));
    return chart;
  }

  /** The k-th period before the figure's: [from, to) as ISO strings. Months go back by calendar
   *  month in the organisation's zone (the period starts at its local midnight); the others by
   *  the current period's length. */
  function previousSpan(figure, k) {
    const from = Date.parse(figure.from), to = Date.parse(figure.to);
    if (isNaN(from) || isNaN(to) || to <= from) return null;
    if (figure.period === 'month') {
      const offset = localMidnightOffset(from);
      const local = new Date(from + offset);
      const start = (back) => Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1) - offset;
      return [new Date(start(k)).toISOString(), new Date(start(k - 1)).toISOString()];
    }
    const length = to - from;
    return [new Date(from - k * length).toISOString(), new Date(from - (k - 1) * length).toISOString()];
  }

  /** The zone's offset at `instant`, assuming it is a local midnight. */
  function localMidnightOffset(instant) {
    const day = 86400000;
    const remainder = ((instant % day) + day) % day;
    return remainder === 0 ? 0 : remainder > day / 2 ? day - remainder : -remainder;
  }

  async function loadHistory(generation) {
    const tasks = [];
    for (const [key, figure] of state.figures) {
      const filter = rowFilter(figure);
      if (filter === null || filter === 'empty' || figure.unavailable) { state.history.set(key, []); continue; }
      const points = new Array(HISTORY_PERIODS);
      let remaining = HISTORY_PERIODS;
      for (let k = 1; k <= HISTORY_PERIODS; k++) {
        const span = previousSpan(figure, k);
        tasks.push(async () => {
          if (span) {
            try {
              const reply = await api(query('/v1/metrics', [...baseParameters(figure), ['from', span[0]], ['to', span[1]], ...whereParameters(filter)]));
              const group = reply.groups[0];
              points[HISTORY_PERIODS - k] = { from: span[0], to: span[1], value: group ? group.value : undefined };
            } catch (error) {
              if (error instanceof Unauthorized) throw error;
              points[HISTORY_PERIODS - k] = { from: span[0], to: span[1], value: undefined };
            }
          }
          remaining -= 1;
          if (remaining === 0 && generation === state.generation) {
            state.history.set(key, points.filter(Boolean));
            const row = rowElement(key);
            if (row) fillTrend(row, state.figures.get(key));
          }
        });
      }
    }
    await pool(tasks, 4);
  }

  function rowElement(key) {
    return [...document.querySelectorAll('#scorecard tr[data-key]')].find((row) => row.dataset.key === key) || null;
  }

  async function loadScorecard(generation) {
    const reply = await api('/v1/scorecard');
    if (generation !== state.generation) return;
    state.scorecard = reply;
    const figures = new Map();
    const base = reply.series;
    const shown = filtered()
      ? await Promise.all(base.map((figure) => filteredFigure(figure).catch((error) => {
        if (error instanceof Unauthorized) throw error;
        return Object.assign({}, figure, { figure: { dimensions: figure.figure.dimensions, sample_size: 0 }, unavailable: error.message });
      })))
      : base;
    if (generation !== state.generation) return;
    for (const figure of shown) figures.set(rowKey(figure), figure);
    state.figures = figures;
    state.history = new Map();
    renderScorecard();
    $('scorecard-meta').textContent = filtered()
      ? 'Filtered by ' + filterText(state.filters) + ': each figure is asked of /v1/metrics with the filter, and its status is met or missed against the target. Computed ' + formatTime(reply.at) + '.'
      : 'Every key metric of the philosophy now, as `tenet metrics` shows it. Computed ' + formatTime(reply.at) + ', events up to #' + reply.last_seq + '.';
    markUpdated();
  }

  // MARK: Live updates

  function applyMetric(figure) {
    const key = rowKey(figure);
    if (filtered()) {
      // The event carries the unfiltered figure: ask again for this series with the filters.
      const base = state.scorecard && state.scorecard.series.find((s) => rowKey(s) === key);
      if (!base) return;
      clearTimeout(state.refetch.get(key));
      state.refetch.set(key, setTimeout(async () => {
        const generation = state.generation;
        try {
          const fresh = await filteredFigure(figure);
          if (generation !== state.generation) return;
          state.figures.set(key, fresh);
          const row = rowElement(key);
          if (row) fillRow(row, fresh);
          countUpdate();
        } catch (_) { /* the next event asks again */ }
      }, 250));
      return;
    }
    if (state.scorecard) {
      const index = state.scorecard.series.findIndex((s) => rowKey(s) === key);
      if (index >= 0) state.scorecard.series[index] = figure; else state.scorecard.series.push(figure);
    }
    const known = state.figures.has(key);
    state.figures.set(key, figure);
    if (!known && !state.history.has(key)) state.history.set(key, []); // a series new since the load: no trend yet
    const row = rowElement(key);
    if (row && known) fillRow(row, figure); else renderScorecard();
    countUpdate();
  }

  /** Tells screen readers, politely and at most every 5 s, which shown figures changed. */
  function announce(change) {
    state.announcements = (state.announcements || []).filter((text) => text.split(':')[0] !== change.split(':')[0]).concat([change]);
    if (state.announceTimer) return;
    state.announceTimer = setTimeout(() => {
      const changes = state.announcements;
      state.announcements = [];
      state.announceTimer = null;
      const more = changes.length > 3 ? '; and ' + (changes.length - 3) + ' more' : '';
      $('announcer').textContent = 'Updated: ' + changes.slice(0, 3).join('; ') + more + '.';
    }, 5000);
  }

  function countUpdate() {
    state.liveUpdates += 1;
    document.body.dataset.liveUpdates = String(state.liveUpdates);
    markUpdated();
  }

  function markUpdated() {
    state.lastUpdate = new Date();
    $('live-time').textContent = 'updated ' + state.lastUpdate.toLocaleTimeString();
    $('live-time').dataset.at = state.lastUpdate.toISOString();
  }

  function setLive(name, text) {
    const live = $('live');
    if (live.dataset.state === name && $('live-text').textContent === text) return;
    live.dataset.state = name;
    $('live-text').textContent = text;
  }

  function stopStream() {
    if (state.stream) state.stream.abort();
    state.stream = null;
  }

  /** Reads /v1/stream with fetch (EventSource cannot send the token) and parses the events. */
  async function runStream() {
    stopStream();
    const controller = new AbortController();
    state.stream = controller;
    let delay = 1000;
    let connectedBefore = false;
    while (!controller.signal.aborted) {
      setLive('connecting', connectedBefore ? 'Reconnecting…' : 'Connecting…');
      try {
        const response = await fetch('/v1/stream', { headers: { Authorization: 'Bearer ' + state.token }, cache: 'no-store', signal: controller.signal });
        if (response.status === 401) {
          sessionStorage.removeItem(TOKEN_KEY);
          showAuth('The server refused the token (401 unauthorized). Paste the token from DATA/web.token.');
          return;
        }
        if (!response.ok || !response.body) throw new Error('HTTP ' + response.status);
        state.lastHeard = Date.now();
        setLive('live', 'Live');
        if (connectedBefore) reload(); // events published while away are in the scorecard
        connectedBefore = true;
        document.body.dataset.connections = String(Number(document.body.dataset.connections || 0) + 1);
        delay = 1000;
        await readEvents(response.body, (name, data) => {
          state.lastHeard = Date.now();
          if (name === 'metric') applyMetric(JSON.parse(data));
          else if (name === 'alert') later('alertsTimer', loadAlerts);
          else if (name === 'sla') later('slaTimer', loadSLA);
        }, () => { state.lastHeard = Date.now(); if ($('live').dataset.state === 'stale') setLive('live', 'Live'); });
      } catch (error) {
        if (controller.signal.aborted) return;
      }
      if (controller.signal.aborted) return;
      setLive('reconnecting', 'Reconnecting in ' + Math.round(delay / 1000) + ' s…');
      await new Promise((resolve) => setTimeout(resolve, delay + Math.random() * 250));
      delay = Math.min(delay * 2, 30000);
    }
  }

  /** The text/event-stream format: lines; `event:`, `data:` fields; a blank line ends an event. */
  async function readEvents(body, onEvent, onComment) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let name = '';
    let data = [];
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      for (;;) {
        const match = /\r\n|\r|\n/.exec(buffer);
        if (!match || (match[0] === '\r' && match.index === buffer.length - 1)) break; // a CR may be half of a CR LF
        const line = buffer.slice(0, match.index);
        buffer = buffer.slice(match.index + match[0].length);
        if (line === '') {
          if (data.length) {
            try { onEvent(name || 'message', data.join('\n')); } catch (_) { /* one bad event is skipped */ }
          }
          name = '';
          data = [];
        } else if (line.startsWith(':')) {
          onComment();
        } else {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          let text = colon < 0 ? '' : line.slice(colon + 1);
          if (text.startsWith(' ')) text = text.slice(1);
          if (field === 'event') name = text;
          else if (field === 'data') data.push(text);
        }
      }
    }
  }

  function later(timer, task) {
    clearTimeout(state[timer]);
    state[timer] = setTimeout(() => task(state.generation).catch(() => {}), 300);
  }

  function watchStaleness() {
    setInterval(() => {
      if ($('live').dataset.state === 'live' && Date.now() - state.lastHeard > STALE_AFTER_MS) {
        setLive('stale', 'Stale: nothing heard for ' + Math.round((Date.now() - state.lastHeard) / 1000) + ' s');
      }
    }, 5000);
  }

  // MARK: Alerts and SLA

  /** A table of the `list` kind: caption, column headers, rows. */
  function listTable(attributes, caption, headers, rows) {
    return el('table', Object.assign({ class: 'list' }, attributes), caption,
      el('thead', {}, el('tr', {}, ...headers.map((title) => el('th', { scope: 'col', text: title })))),
      el('tbody', {}, ...rows));
  }

  /** A side panel's reply, or null (the panel then says why) when it failed or a newer load began. */
  async function panelReply(generation, path, container, what) {
    try {
      const reply = await api(path);
      return generation === state.generation ? reply : null;
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      container.replaceChildren(el('p', { class: 'hint', text: what + ' unavailable: ' + error.message }));
      return null;
    }
  }

  async function loadAlerts(generation) {
    const container = $('alerts');
    const reply = await panelReply(generation, '/v1/alerts?recent=1', container, 'Alerts');
    if (!reply) return;
    const active = reply.active || [];
    if (!active.length) {
      container.replaceChildren(el('p', { class: 'hint', 'data-alerts': '0', text: 'No alert is pending or firing.' }));
      return;
    }
    const rows = active.map((alert) => el('tr', { 'data-alert': alert.alert_id, 'data-state': alert.state },
      el('th', { scope: 'row', text: alert.rule }),
      el('td', { class: 'state-' + alert.state }, el('span', { 'aria-hidden': 'true', text: alert.state === 'firing' ? '🔔 ' : '⏳ ' }), alert.state),
      el('td', { text: alert.severity }),
      el('td', { text: (alert.annotations && alert.annotations.summary) || alert.value_text || '' }),
      el('td', { text: formatTime(alert.fired_at || alert.active_at) })));
    container.replaceChildren(listTable({ 'data-alerts': String(active.length) },
      el('caption', { class: 'visually-hidden', text: 'Alerts pending and firing' }), ['Rule', 'State', 'Severity', 'Summary', 'Since'], rows));
  }

  async function loadSLA(generation) {
    const container = $('sla');
    const reply = await panelReply(generation, '/v1/sla?filter=at_risk&limit=10', container, 'SLA clocks');
    if (!reply) return;
    const clocks = reply.clocks || [];
    if (!clocks.length) {
      container.replaceChildren(el('p', { class: 'hint', text: 'No running SLA clock is near its breach.' }));
      return;
    }
    container.replaceChildren(listTable({},
      el('caption', { class: 'visually-hidden', text: 'SLA clocks nearest a breach' }), ['Conversation', 'Policy', 'Metric', 'Remaining', 'Breach at'],
      clocks.map((clock) => el('tr', {},
        el('th', { scope: 'row' }, conversationLink(clock.conversation)),
        el('td', { text: clock.policy }),
        el('td', { text: clock.metric }),
        el('td', { class: 'num', text: formatSeconds(clock.remaining_seconds) + (clock.paused ? ' (paused)' : '') }),
        el('td', { text: formatTime(clock.breach_at) })))));
  }

  // MARK: Drill-down

  async function openDrill(key) {
    const figure = state.figures.get(key);
    if (!figure) return;
    state.drill = key;
    const section = $('drill');
    section.hidden = false;
    const label = metricText(figure);
    $('drill-title').textContent = 'Conversations behind ' + label.name;
    $('drill-meta').textContent = label.detail + (filtered() ? ' · filtered by ' + filterText(state.filters) : '');
    $('drill-body').replaceChildren(el('p', { class: 'hint', text: 'Loading…' }));
    $('drill-title').focus();
    const filter = rowFilter(figure);
    if (filter === null || filter === 'empty') {
      $('drill-body').replaceChildren(el('p', { class: 'hint', text: 'No conversation: ' + (filter === null ? 'this group cannot be filtered.' : 'no value passes both filters.') }));
      return;
    }
    try {
      const reply = await api(query('/v1/conversations', [...baseParameters(figure), ['period', figure.period], ...whereParameters(filter), ['limit', '200']]));
      if (state.drill !== key) return;
      const rows = reply.rows || [];
      const dimensionNames = [...new Set(rows.flatMap((row) => Object.keys(row.dimensions || {})))].sort();
      const durations = figure.unit === 'seconds';
      // A rate measured from events (and retention, churn) has a row per side of the division.
      const parted = rows.some((row) => row.part);
      const parts = reply.parts ? ' · numerator ' + reply.parts.numerator + ' ÷ denominator ' + reply.parts.denominator : '';
      const table = listTable({ 'data-total': String(reply.total) },
        el('caption', { text: rows.length + ' of ' + reply.total + ' measurements, ' + formatTime(reply.from) + ' to ' + formatTime(reply.to) + parts }),
        ['Conversation', 'At', durations ? 'Calendar time' : parted ? 'Counts in' : 'Value', ...(durations ? ['Business time'] : []), ...dimensionNames],
        rows.map((row) => el('tr', { 'data-conversation': row.conversation },
          el('th', { scope: 'row' }, conversationLink(row.conversation)),
          el('td', { text: formatTime(row.at) }),
          el('td', { class: parted ? '' : 'num', text: parted ? row.part || '' : rowValue(row.value, figure) }),
          durations ? el('td', { class: 'num', text: formatSeconds(row.business_value) }) : null,
          ...dimensionNames.map((name) => el('td', { text: (row.dimensions || {})[name] || '' })))));
      $('drill-body').replaceChildren(rows.length ? table : el('p', { class: 'hint', text: 'No measurement in this period.' }));
    } catch (error) {
      if (error instanceof Unauthorized) return;
      $('drill-body').replaceChildren(el('p', { class: 'error-text', text: 'The drill-down failed: ' + error.message }));
    }
  }

  function rowValue(value, figure) {
    if (figure.unit === 'seconds') return formatSeconds(value);
    if (figure.unit === 'percent') return value === 1 ? 'yes (counts)' : value === 0 ? 'no' : String(value);
    return formatValue(value, figure.unit);
  }

  function conversationLink(id) {
    return el('button', { type: 'button', class: 'link', text: id, 'aria-label': 'Conversation ' + id, onclick: () => openConversation(id) });
  }

  async function openConversation(id) {
    const section = $('conversation');
    section.hidden = false;
    $('conversation-title').textContent = 'Conversation ' + id;
    $('conversation-meta').textContent = 'Its measurements, as the metrics plugin holds them.';
    $('conversation-body').replaceChildren(el('p', { class: 'hint', text: 'Loading…' }));
    $('conversation-title').focus();
    try {
      const reply = await api('/v1/conversations/' + encodeURIComponent(id));
      const measurements = reply.measurements || [];
      const table = listTable({ 'data-conversation': id },
        el('caption', { text: measurements.length + ' measurements' }), ['Metric', 'At', 'Measured', 'Dimensions'],
        measurements.map((m) => el('tr', {},
          el('th', { scope: 'row', text: m.metric }),
          el('td', { text: formatTime(m.at) }),
          el('td', { text: measurementText(m) }),
          el('td', { text: Object.entries(m.dimensions || {}).map(([k, v]) => k + '=' + v).join(', ') }))));
      const anomalies = Object.entries(reply.anomalies || {});
      $('conversation-body').replaceChildren(table, anomalies.length
        ? el('p', { class: 'hint', text: 'Anomalies: ' + anomalies.map(([k, v]) => k + ' × ' + v).join(', ') }) : '');
      await loadEvents(id);
    } catch (error) {
      if (error instanceof Unauthorized) return;
      $('conversation-body').replaceChildren(el('p', { class: 'error-text', text: error.status === 404 ? 'No measurement for this conversation.' : 'Failed: ' + error.message }));
    }
  }

  async function loadEvents(id) {
    let reply;
    try {
      reply = await api('/v1/conversations/' + encodeURIComponent(id) + '/events');
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      $('conversation-body').append(el('p', { class: 'hint', text: 'Its events are unavailable: ' + error.message }));
      return;
    }
    const events = reply.events || [];
    $('conversation-body').append(listTable({ 'data-events': String(events.length) },
      el('caption', { text: events.length + ' stored events' + (events.length === 1000 ? ' (the first 1000)' : '') }), ['#', 'At', 'Type', 'Who', 'Details'],
      events.map((stored) => {
        const event = stored.event || {};
        const who = [event.author, event.agent, event.team, event.channel].filter(Boolean).join(' · ');
        const skip = new Set(['id', 'type', 'at', 'conversation', 'author', 'agent', 'team', 'channel']);
        const details = Object.entries(event).filter(([k]) => !skip.has(k)).map(([k, v]) => k + '=' + (typeof v === 'object' ? JSON.stringify(v) : v)).join(', ');
        return el('tr', {},
          el('td', { class: 'num', text: String(stored.seq) }),
          el('td', { text: formatTime(event.at) }),
          el('th', { scope: 'row', text: event.type || '' }),
          el('td', { text: who }),
          el('td', { text: details }));
      })));
  }

  function measurementText(m) {
    if (typeof m.seconds === 'number') return formatSeconds(m.seconds) + (typeof m.business_seconds === 'number' && m.business_seconds !== m.seconds ? ' (business ' + formatSeconds(m.business_seconds) + ')' : '');
    if (typeof m.outcome === 'boolean') return m.outcome ? 'counts (yes)' : 'does not count (no)';
    if (typeof m.score === 'number') return 'score ' + m.score;
    if (typeof m.amount === 'number') return m.amount.toFixed(2) + ' ' + (m.currency || '');
    if (m.open_until) return 'open until ' + formatTime(m.open_until);
    if (m.metric === 'backlog') return 'open now';
    return 'counted';
  }

  // MARK: Start

  async function loadPhilosophy(generation) {
    try {
      const philosophy = await api('/v1/philosophy');
      if (generation !== state.generation) return;
      state.philosophy = philosophy;
      $('purpose').textContent = [philosophy.purpose, philosophy.vision].filter(Boolean).join(' — ');
    } catch (error) {
      if (error instanceof Unauthorized) throw error;
      state.philosophy = null;
    }
  }

  /** Loads everything again (at start, after a filter change, after the stream reconnects). */
  async function reload() {
    state.generation += 1;
    const generation = state.generation;
    $('error').hidden = true;
    if (!state.figures.size) $('scorecard').replaceChildren(el('p', { class: 'hint', text: 'Loading the scorecard…' }));
    try {
      await loadPhilosophy(generation);
      await loadScorecard(generation);
      if (generation !== state.generation) return;
      if (!document.body.dataset.firstReadyMs) document.body.dataset.firstReadyMs = String(Math.round(performance.now()));
      document.body.dataset.ready = 'true';
      await Promise.all([loadFilterOptions(generation), loadAlerts(generation), loadSLA(generation), loadHistory(generation)]);
    } catch (error) {
      if (error instanceof Unauthorized || generation !== state.generation) return;
      $('error').textContent = 'The scorecard could not be loaded: ' + error.message + '. Asking again in 5 s.';
      $('error').hidden = false;
      document.body.dataset.ready = 'error';
      setTimeout(() => { if (generation === state.generation && state.token) reload(); }, 5000);
    }
  }

  function open() {
    $('auth').hidden = true;
    $('main').hidden = false;
    $('forget').hidden = false;
    reload();
    runStream();
  }

  // The pure pieces, for tests in a browser (read-only; the page does not use this).
  window.tenetDashboard = Object.freeze({ readEvents, previousSpan, formatValue, statusFor });

  document.addEventListener('DOMContentLoaded', () => {
    state.filters = readFilters();
    showFilterSummary();
    $('filter-panel').open = filtered();
    state.token = takeToken();
    $('auth-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const token = $('token-input').value.trim();
      if (!token) return;
      $('token-input').value = '';
      sessionStorage.setItem(TOKEN_KEY, token);
      state.token = token;
      open();
    });
    $('forget').addEventListener('click', () => {
      sessionStorage.removeItem(TOKEN_KEY);
      state.token = null;
      showAuth('The token is forgotten in this tab.');
    });
    $('clear-filters').addEventListener('click', () => { state.filters = {}; applyFilters(); });
    $('drill-close').addEventListener('click', () => { $('drill').hidden = true; state.drill = null; $('scorecard-title').focus(); });
    $('conversation-close').addEventListener('click', () => { $('conversation').hidden = true; $('scorecard-title').focus(); });
    watchStaleness();
    if (state.token) open(); else showAuth('');
  });
})();
