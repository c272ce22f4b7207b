// The result panel's script. It builds the DOM with createElement/textContent only — response data is never
// parsed as HTML — and talks to the extension by postMessage (message shapes: client/src/panel/messages.ts).
// Stable hooks for tests: #summary, #status-code, #flow-path, #flow-outputs, #flow-variables, #expectations,
// #drift, #request, #response, #response-body, .error-state, #stale, and one `rendered` message after each render.
// A send from a flow action (state.flowRun) shows the same header, then the flow run (media/flowrun/flowrun.js:
// the diagram, inputs, mapped outputs, path, record writes), then the callout's notes, request and response.
// @ts-check
(function () {
  'use strict';
  // eslint-disable-next-line no-undef
  const vscode = acquireVsCodeApi();
  const app = /** @type {HTMLElement} */ (document.getElementById('app'));
  const MAX_TREE_NODES = 4000;

  /** @param {string} tag @param {string=} cls @param {string=} text */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** @param {HTMLElement} parent @param {...(Node|string|undefined)} kids */
  function add(parent, ...kids) {
    for (const k of kids) if (k !== undefined) parent.append(k);
    return parent;
  }

  /** A JSON value in one line, cut. @param {unknown} v @param {number=} max */
  function short(v, max = 120) {
    if (v === undefined) return '';
    const s = typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v);
    return s === undefined ? String(v) : s.length > max ? s.slice(0, max) + '…' : s;
  }

  /** Objects and lists as a count; scalars as JSON. @param {unknown} v */
  function summary(v) {
    if (Array.isArray(v)) return v.length && v.some((x) => x !== null && typeof x === 'object') ? '[' + v.length + (v.length === 1 ? ' item]' : ' items]') : short(v);
    if (v !== null && typeof v === 'object') return '{' + Object.keys(v).length + ' fields}';
    return short(v);
  }

  function bytes(n) {
    if (n < 1024) return n + ' B';
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + ' KB';
    return (n / 1024 / 1024).toFixed(1) + ' MB';
  }

  /** @param {string} id @param {string} title @param {string=} hint */
  function section(id, title, hint) {
    const s = el('section', 'section');
    s.id = id;
    const h = el('h2', undefined, title);
    if (hint) add(h, ' ', el('span', 'hint', hint));
    add(s, h);
    return s;
  }

  /** @param {string[]} headers @param {string} id */
  function table(id, headers) {
    const t = el('table', 'grid');
    t.id = id;
    const head = el('thead');
    const tr = el('tr');
    for (const h of headers) add(tr, el('th', undefined, h));
    add(head, tr);
    add(t, head, el('tbody'));
    return t;
  }

  function button(id, label, type, title) {
    const b = /** @type {HTMLButtonElement} */ (el('button', 'action', label));
    b.id = id;
    b.type = 'button';
    if (title) b.title = title;
    b.addEventListener('click', () => vscode.postMessage({ type }));
    return b;
  }

  // JSON body with folding: objects and arrays are <details>, open to depth 2, built node by node.
  let treeNodes = 0;
  /** @param {unknown} value @param {string|undefined} key @param {number} depth @returns {HTMLElement} */
  function jsonNode(value, key, depth) {
    treeNodes++;
    const keyEl = key === undefined ? undefined : el('span', 'json-key', JSON.stringify(key) + ': ');
    if (value !== null && typeof value === 'object') {
      const isArray = Array.isArray(value);
      const entries = isArray ? value.map((v, i) => [String(i), v]) : Object.entries(value);
      const d = /** @type {HTMLDetailsElement} */ (el('details', 'json-node'));
      d.open = depth < 2;
      const sum = el('summary');
      add(sum, keyEl, el('span', 'json-punct', isArray ? '[' : '{'), el('span', 'json-count', ` ${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'field' : 'fields'} `), el('span', 'json-punct', isArray ? ']' : '}'));
      add(d, sum);
      const body = el('div', 'json-children');
      for (const [k, v] of entries) {
        if (treeNodes > MAX_TREE_NODES) {
          add(body, el('div', 'json-more', '… (the rest is in the raw body below)'));
          break;
        }
        add(body, jsonNode(v, isArray ? undefined : k, depth + 1));
      }
      add(d, body);
      return d;
    }
    const line = el('div', 'json-leaf');
    const kind = value === null ? 'null' : typeof value;
    add(line, keyEl, el('span', 'json-' + kind, JSON.stringify(value)));
    return line;
  }

  function renderSummary(state) {
    const r = state.result;
    const fr = state.flowRun ? state.flowRun.result : undefined;
    const s = el('header', 'summary');
    s.id = 'summary';
    const title = el('h1', undefined, fr ? fr.flow + ' › ' + fr.element : r.definition.action);
    add(title, ' ', el('span', 'env', '→ ' + state.environment));
    add(s, title);
    if (fr && fr.actionName) add(s, el('p', 'hint', (fr.operation ? fr.operation.method + ' ' + fr.operation.path + ' · ' : '') + fr.actionName));
    const line = el('div', 'summary-line');
    if (!r) {
      const run = fr && fr.run;
      const code = el('span', 'status status-error', run && run.outcome.status !== undefined ? String(run.outcome.status) : fr && fr.error ? 'not sent' : 'not sent');
      code.id = 'status-code';
      add(line, code);
      const kind = run ? run.outcome.path : 'not-sent';
      add(line, el('span', 'badge path-' + kind, kind === 'success' ? 'normal path' : kind === 'fault' ? 'fault path' : 'not sent'));
    } else if (r.response) {
      const code = el('span', 'status ' + (r.response.status < 300 ? 'status-ok' : r.response.status < 400 ? 'status-redirect' : 'status-error'), String(r.response.status) + ' ' + r.response.statusText);
      code.id = 'status-code';
      add(line, code, el('span', 'metric', r.response.timing.totalMs + ' ms'), el('span', 'metric', bytes(r.response.sizeBytes)), el('span', 'metric', r.response.contentType || 'no content type'));
    } else if (r.error) {
      const code = el('span', 'status status-error', r.error.code);
      code.id = 'status-code';
      add(line, code);
    }
    if (r) {
      const pathBadge = el('span', 'badge path-' + r.path.kind, r.path.kind === 'success' ? 'normal path' : r.path.kind === 'fault' ? 'fault path' : r.path.kind === 'unknown' ? 'path not known' : 'not sent');
      add(line, pathBadge);
    }
    if (r && r.expectations.length && !fr) {
      const failed = r.expectations.filter((e) => !e.pass).length;
      add(line, el('span', 'badge ' + (failed ? 'badge-fail' : 'badge-pass'), failed ? failed + ' of ' + r.expectations.length + ' expectations failed' : 'all ' + r.expectations.length + ' expectations pass'));
    }
    add(s, line);
    const actions = el('div', 'actions');
    add(actions, button('action-resend', 'Re-send', 'resend', 'Send the same test callout again'));
    const curl = button('action-copy-curl', 'Copy as cURL', 'copyCurl', 'Copy the request as a curl command (secrets stay ••••)');
    /** @type {HTMLButtonElement} */ (curl).disabled = !r;
    add(actions, curl);
    if (fr) {
      add(actions, button('action-save-inputs', 'Save test inputs', 'saveInputs', 'Write these inputs to .flowcallout/tests/' + fr.flow + '.' + fr.element + '.yaml'));
      add(actions, button('action-open-flow', 'Open flow', 'openFlow', fr.flow));
      if (fr.operation) add(actions, button('action-open-definition', /\.externalServiceRegistration-meta\.xml$/i.test(fr.operation.file) ? 'Open registration' : 'Open definition', 'openDefinition', fr.operation.file));
    } else {
      const save = button('action-save-sample', 'Save as sample', 'saveSample', 'Replace the matched response\'s sample with this response (undo with Ctrl+Z in the definition)');
      /** @type {HTMLButtonElement} */ (save).disabled = !state.canSaveSample;
      add(actions, save);
      if (r.definition.flow) add(actions, button('action-open-flow', 'Open flow', 'openFlow', r.definition.flow));
      add(actions, state.registration
        ? button('action-open-definition', 'Open registration', 'openDefinition', 'The External Service registration this operation comes from')
        : button('action-open-definition', 'Open definition', 'openDefinition', r.definition.file));
    }
    add(s, actions);
    // Sent from a registration's operation: what the send took from it (the body sample, headers…).
    if (state.registration) for (const n of state.registration.notes || []) add(s, el('p', 'registration-note', n));
    return s;
  }

  function renderError(r) {
    const box = el('section', 'error-state');
    box.id = 'error';
    box.setAttribute('role', 'alert');
    add(box, el('h2', undefined, 'The test callout did not complete (' + r.error.code + ')'), el('p', 'error-message', r.error.message));
    return box;
  }

  function renderPath(r) {
    const s = section('flow-path', 'Flow path');
    s.classList.add('path-' + r.path.kind);
    add(s, el('p', 'path-kind', r.path.kind === 'success' ? '✓ The flow continues on its normal path' : r.path.kind === 'fault' ? '✗ The flow takes the fault path' : r.path.kind === 'unknown' ? '? What the flow gets is not known' : '– Not sent'));
    add(s, el('p', 'path-reason', r.path.reason));
    if (r.path.faultMessage) {
      const fm = el('p', 'fault-message');
      add(fm, el('code', undefined, '$Flow.FaultMessage'), ' ≈ ', el('span', 'fault-text', r.path.faultMessage));
      add(s, fm);
    }
    return s;
  }

  function renderOutputs(r) {
    const o = r.outputs;
    const s = section('outputs', 'Flow outputs', o.key ? o.key + ' (' + o.matchedBy + ')' + (o.apexClass ? ' · ' + o.apexClass : '') : 'no declared response matches HTTP ' + o.responseCode);
    const t = table('flow-outputs', ['Field', 'Flow type', 'Apex name', 'Value']);
    const body = /** @type {HTMLElement} */ (t.querySelector('tbody'));
    let rows = 0;
    const row = (cells, depth, cls) => {
      const tr = el('tr', 'output-row ' + (cls || ''));
      cells.forEach((c, i) => {
        const td = el('td', i === 3 ? 'value' : undefined, c);
        if (i === 0) td.style.paddingLeft = 6 + depth * 14 + 'px';
        add(tr, td);
      });
      add(body, tr);
      rows++;
      return tr;
    };
    row(['responseCode', 'Integer', 'responseCode', String(o.responseCode)], 0, 'row-ok');
    const walk = (fields, depth) => {
      for (const f of fields) {
        const tr = row([f.name, f.flowType, f.apexName, summary(f.value)], depth, f.ok ? (f.present ? 'row-ok' : 'row-missing') : 'row-fail');
        tr.dataset.path = f.path;
        if (f.note) {
          const note = el('div', 'note', f.note);
          add(/** @type {HTMLElement} */ (tr.lastChild), note);
        }
        if (f.children) walk(f.children, depth + 1);
      }
    };
    walk(o.fields, 0);
    add(s, t);
    return { s, rows };
  }

  function renderVariables(r) {
    const s = section('variables', 'Flow variables', r.definition.flow ? 'flow ' + r.definition.flow.replace(/^.*[\\/]/, '') : 'no linked flow');
    const t = table('flow-variables', ['', 'Variable', 'Receives', 'Mapped in', 'Declared type', 'Value', 'Why']);
    const body = /** @type {HTMLElement} */ (t.querySelector('tbody'));
    // Where each mapping is written: the flow is the truth, so a mapping only the definition's `outputs` declares
    // is never shown as something the linked flow does.
    const mappedIn = (v) => v.source === 'flow outputParameters' ? 'the flow: action outputs'
      : v.source === 'flow reference' ? 'the flow: a reference (automatic output)'
      : r.definition.flow ? 'the definition\'s outputs, not the flow\'s action' : 'the definition\'s outputs';
    for (const v of r.variables) {
      const tr = el('tr', 'variable-row ' + (v.status === 'not-set' ? 'row-notset' : v.ok ? 'row-ok' : 'row-fail'));
      tr.dataset.status = v.status;
      tr.dataset.variable = v.variable;
      const mark = el('td', 'mark', v.status === 'not-set' ? '–' : v.ok ? '✓' : '✗');
      mark.setAttribute('aria-label', v.status);
      add(tr, mark, el('td', 'var-name', v.variable), el('td', undefined, v.from), el('td', 'mapped-in', mappedIn(v)), el('td', undefined, v.declaredType), el('td', 'value', summary(v.value)), el('td', 'reason', v.reason || ''));
      add(body, tr);
    }
    if (!r.variables.length) {
      add(s, el('p', 'empty', r.response ? 'No flow variable receives an output: add outputs (from/to) to the definition, or link the flow that calls it with "flow".' : 'No response, so no flow variable is assigned.'));
      t.classList.add('is-empty');
    }
    add(s, t);
    return s;
  }

  function renderExpectations(r) {
    const s = section('expectations', 'Expectations', 'test.expect');
    const ul = el('ul', 'checklist');
    for (const e of r.expectations) {
      const li = el('li', e.pass ? 'row-ok' : 'row-fail');
      li.dataset.name = e.name;
      add(li, el('span', 'mark', e.pass ? '✓' : '✗'), ' ', el('span', undefined, e.message));
      add(ul, li);
    }
    add(s, ul);
    return s;
  }

  function renderDrift(r) {
    const s = section('drift', 'Drift from the sample', r.drift.length ? r.drift.length + ' difference' + (r.drift.length > 1 ? 's' : '') : 'none');
    const ul = el('ul', 'checklist');
    for (const d of r.drift) {
      const li = el('li', 'drift-' + d.kind);
      add(li, el('span', 'badge drift-kind', d.kind), ' ', el('span', undefined, d.message));
      add(ul, li);
    }
    add(s, ul);
    return s;
  }

  function renderFindings(r) {
    const s = section('findings', 'Notes');
    const ul = el('ul', 'checklist');
    for (const f of r.findings) add(ul, add(el('li', 'finding-' + f.severity), el('span', 'badge', f.severity), ' ', el('span', undefined, f.message)));
    if (r.mock) add(ul, add(el('li', 'finding-info'), el('span', 'badge', 'mock'), ' ', el('span', undefined, 'The mock answered ' + r.mock.key + ' (HTTP ' + r.mock.status + ') because ' + r.mock.reason + '.')));
    add(s, ul);
    return s;
  }

  function headersTable(id, headers) {
    const t = table(id, ['Header', 'Value']);
    const body = /** @type {HTMLElement} */ (t.querySelector('tbody'));
    for (const h of headers) add(body, add(el('tr'), el('td', 'header-name', h.name), el('td', 'value', h.value)));
    return t;
  }

  function renderRequest(r) {
    const s = section('request', 'Request as sent', r.request.baseUrlSource);
    add(s, add(el('p', 'request-line'), el('span', 'method', r.request.method), ' ', el('span', 'url', r.request.url || '(not built)')));
    if (r.request.auth) add(s, el('p', 'hint', 'Auth: ' + r.request.auth));
    add(s, headersTable('request-headers', r.request.headers));
    if (r.request.inputs.length) {
      const t = table('request-inputs', ['Input', 'Value', 'From']);
      const body = /** @type {HTMLElement} */ (t.querySelector('tbody'));
      for (const i of r.request.inputs) add(body, add(el('tr', i.source === 'missing' ? 'row-fail' : ''), el('td', undefined, i.name), el('td', 'value', short(i.value)), el('td', undefined, i.source)));
      add(s, t);
    }
    if (r.request.body !== undefined) add(s, el('pre', 'body', r.request.body));
    return s;
  }

  function renderResponse(r) {
    const res = r.response;
    const s = section('response', 'Response', res.url);
    for (const rd of res.redirects) add(s, el('p', 'hint', 'Redirected (' + rd.status + ') to ' + rd.to + (rd.droppedHeaders.length ? ' — not sent on: ' + rd.droppedHeaders.join(', ') : '')));
    const hd = /** @type {HTMLDetailsElement} */ (el('details', 'headers'));
    add(hd, el('summary', undefined, res.headers.length + ' headers'), headersTable('response-headers', res.headers));
    add(s, hd);
    const body = el('div', 'response-body');
    body.id = 'response-body';
    treeNodes = 0;
    if (res.body.kind === 'json' && res.body.value !== undefined) add(body, jsonNode(res.body.value, undefined, 0));
    else add(body, el('pre', 'body', res.body.kind === 'empty' ? '(empty body)' : res.body.text));
    if (res.body.truncated) add(body, el('p', 'hint', 'The body is longer than shown.'));
    add(s, body);
    if (res.body.kind === 'json' && res.body.value !== undefined) {
      const raw = /** @type {HTMLDetailsElement} */ (el('details', 'raw'));
      add(raw, el('summary', undefined, 'Raw body'), el('pre', 'body', res.body.text));
      add(s, raw);
    }
    return s;
  }

  function render(state) {
    const r = state.result;
    app.replaceChildren();
    add(app, renderSummary(state));
    let outputRows = 0;
    /** @type {any} */
    let flowRun;
    if (state.flowRun) {
      // A send from a flow action: the run (what the flow does next) first, then the callout that was sent.
      const fr = state.flowRun.result;
      if (fr.error) add(app, renderError({ error: { code: 'not sent', message: fr.error } }));
      const runApi = /** @type {any} */ (window).FlowCalloutFlowRun;
      if (runApi) flowRun = runApi.render(app, state, (/** @type {any} */ m) => vscode.postMessage(m));
      else add(app, el('p', 'error-message', 'The flow-run script did not load.'));
      if (r) {
        add(app, el('h2', 'callout-heading', 'The callout'));
        if (r.error) add(app, renderError(r));
        if (r.findings.length || r.mock) add(app, renderFindings(r));
        add(app, renderRequest(r));
        if (r.response) add(app, renderResponse(r));
      }
    } else {
      if (r.error) add(app, renderError(r));
      add(app, renderPath(r));
      if (r.outputs) {
        const o = renderOutputs(r);
        outputRows = o.rows;
        add(app, o.s);
      }
      add(app, renderVariables(r));
      if (r.expectations.length) add(app, renderExpectations(r));
      if (r.response) add(app, renderDrift(r));
      if (r.findings.length || r.mock) add(app, renderFindings(r));
      add(app, renderRequest(r));
      if (r.response) add(app, renderResponse(r));
    }
    // Cells may cut a long value off with "…" (panel.css): the whole text is the tooltip; the column's heading
    // labels each cell when a narrow panel stacks the rows.
    for (const t of app.querySelectorAll('table.grid')) {
      const labels = Array.from(t.querySelectorAll('thead th'), (th) => th.textContent || '');
      for (const tr of t.querySelectorAll('tbody tr')) {
        Array.from(tr.children).forEach((td, i) => {
          if (labels[i]) td.setAttribute('data-label', labels[i]);
          if (!td.classList.contains('mark') && !td.title && td.textContent) td.title = td.textContent;
        });
      }
    }
    if (state.stale) renderStale(state.stale);
    vscode.setState(state);
    vscode.postMessage({
      type: 'rendered',
      resultId: state.flowRun ? state.flowRun.id : r.id,
      summary: {
        status: r && r.response ? r.response.status : undefined,
        errorState: !!document.querySelector('.error-state'),
        errorCode: r && r.error ? r.error.code : undefined,
        path: r ? r.path.kind : 'not-sent',
        outputs: outputRows,
        variables: r && !state.flowRun ? r.variables.length : 0,
        variablesFailing: r && !state.flowRun ? r.variables.filter((v) => !v.ok).length : 0,
        expectations: r && !state.flowRun ? r.expectations.length : 0,
        expectationsFailed: r && !state.flowRun ? r.expectations.filter((e) => !e.pass).length : 0,
        drift: r && !state.flowRun ? r.drift.length : 0,
      },
      ...(flowRun ? { flowRun } : {}),
    });
  }

  function renderSending(m) {
    const p = el('div', 'sending');
    add(p, el('span', 'spinner'), el('span', undefined, 'Sending ' + m.action + ' → ' + m.environment + '…'));
    const old = document.querySelector('.sending');
    if (old) old.remove();
    app.prepend(p);
  }

  /** The banner over a result whose flow, registration or definition changed since the send. @param {string} what */
  function renderStale(what) {
    if (document.getElementById('stale')) return;
    const name = what === 'registration' ? 'The registration this send used' : what === 'definition' ? 'The callout definition this send used' : 'The flow';
    const banner = el('p', 'stale', name + ' changed since this send: this result is stale — Re-send to see what it does now.');
    banner.id = 'stale';
    banner.dataset.what = what;
    app.prepend(banner);
  }

  window.addEventListener('message', (event) => {
    const m = event.data;
    if (!m || typeof m.type !== 'string') return;
    if (m.type === 'stale' && typeof m.what === 'string') {
      renderStale(m.what);
      const saved = vscode.getState();
      if (saved) vscode.setState(Object.assign({}, saved, { stale: m.what }));
      return;
    }
    if (m.type === 'result' && m.state && (m.state.result || m.state.flowRun)) render(m.state);
    else if (m.type === 'sending') renderSending(m);
    else if (m.type === 'notice') {
      const n = el('div', 'notice', String(m.text));
      app.prepend(n);
      setTimeout(() => n.remove(), 4000);
    }
  });

  const saved = vscode.getState();
  if (saved && (saved.result || saved.flowRun)) render(saved);
  vscode.postMessage({ type: 'ready' });
})();
