// The flow-run sections of the Test Callout panel (a send from a flow action): what the flow does after its
// callout. Loaded by the panel before media/panel/panel.js, which calls FlowCalloutFlowRun.render() when the
// result came from a flow. DOM by createElement/textContent only (values are never parsed as HTML).
// Test hooks: #run-status, #run-outputs (tr.output-row[data-variable]), #run-unused, #run-path
// (li.step[data-element][data-outcome]), #run-writes (.write[data-element]), #run-end[data-kind], #run-diagram
// (svg.diagram, g.node[data-element][data-role], path.edge[data-from][data-to], .edge-taken, .edge-fault).
// @ts-check
(function () {
  'use strict';

  /** @param {string} tag @param {string=} cls @param {string=} text */
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  /** A value in one line; unknown values as "unknown — why". @param {unknown} v */
  function show(v) {
    if (v && typeof v === 'object' && !Array.isArray(v) && typeof (/** @type {any} */ (v).unknown) === 'string' && Object.keys(v).length === 1) return 'unknown — ' + /** @type {any} */ (v).unknown;
    const s = JSON.stringify(v);
    return s === undefined ? 'null' : s.length > 160 ? s.slice(0, 160) + '…' : s;
  }

  /** @param {HTMLElement} app @param {string} title @param {string} id */
  function section(app, title, id) {
    const s = el('section', 'section run-section');
    s.id = id;
    s.append(el('h2', undefined, title));
    app.append(s);
    return s;
  }

  /**
   * The first `keys` columns hold names (kept whole: they wrap only between words); the others hold values,
   * which may break anywhere so a long JSON value never pushes the table wider than the panel.
   * @param {string[]} head @param {string[][]} rows @param {(tr: HTMLTableRowElement, i: number) => void=} decorate @param {number=} keys
   */
  function table(head, rows, decorate, keys = 1) {
    const t = el('table', 'run-table');
    const hr = el('tr');
    for (const h of head) hr.append(el('th', undefined, h));
    t.append(hr);
    rows.forEach((r, i) => {
      const tr = /** @type {HTMLTableRowElement} */ (el('tr'));
      r.forEach((c, j) => tr.append(el('td', j < keys ? 'run-key' : 'run-value', c)));
      if (decorate) decorate(tr, i);
      t.append(tr);
    });
    return t;
  }

  /**
   * Renders the run into `app` (after the panel's header); returns what it rendered, for tests.
   * @param {HTMLElement} app @param {any} state the panel state (state.flowRun: {id, result, diagram}) @param {(m: any) => void} post
   */
  function render(app, state, post) {
    const r = state.flowRun.result;
    const run = r.run;
    const callout = state.result;
    const status = el('p', 'run-status');
    status.id = 'run-status';
    const code = run && run.outcome.status !== undefined ? run.outcome.status : callout && callout.response ? callout.response.status : null;
    // The outcome's reason names the status itself ("HTTP 404 matches the declared 4XX response…"), or says there was none.
    status.textContent = r.error ? r.error : run ? run.outcome.reason : r.notSent || '';
    status.dataset.path = run ? run.outcome.path : 'none';
    app.append(status);
    if (r.notSent && run) app.append(el('p', 'note', r.notSent));
    for (const n of r.notes || []) app.append(el('p', 'note', n));

    // The picture: the flow laid out by dagre (dist/webview/flow-diagram.js), the taken path highlighted.
    /** @type {any} */
    let diagram = null;
    const api = /** @type {any} */ (window).FlowCalloutDiagram;
    const pictured = state.flowRun.diagram;
    if (pictured && pictured.nodes.length) {
      const pic = section(app, run ? 'The flow, with the path this response takes' : 'The flow', 'run-diagram');
      const host = el('div', 'diagram-host');
      pic.append(host);
      if (api) {
        try {
          diagram = api.render(host, pictured, (/** @type {string} */ element) => post({ type: 'reveal', element }));
        } catch (e) {
          host.replaceChildren(el('p', 'error', 'The diagram could not be drawn: ' + (e && /** @type {any} */ (e).message ? /** @type {any} */ (e).message : String(e))));
        }
      } else host.append(el('p', 'error', 'The diagram script did not load.'));
    }

    const inputs = section(app, 'Inputs', 'run-inputs');
    inputs.append(table(['Input', 'Value', 'From'], r.inputs.map((/** @type {any} */ i) => [i.name + ' (' + i.in + ')', show(i.value), i.source])));
    if (r.missing.length) inputs.append(el('p', 'error', 'Missing: ' + r.missing.join(', ')));

    /** @type {any} */
    const rendered = { status: code, outputs: [], unused: [], path: [], outcomes: [], writes: [], end: run ? run.end.kind : null, diagram };
    if (run) {
      const outs = section(app, 'Outputs the flow maps', 'run-outputs');
      outs.append(run.outputs.length ? table(['Output', 'Variable', 'Flow type', 'Value'], run.outputs.map((/** @type {any} */ o) => [o.output, o.variable, o.flowType, show(o.value) + (o.note ? '  (' + o.note + ')' : '')]), (tr, i) => {
        tr.className = 'output-row';
        tr.dataset.variable = run.outputs[i].variable;
        rendered.outputs.push(run.outputs[i].variable);
      }, 2) : el('p', 'empty', 'The flow maps no output of this action.'));
      const unused = section(app, 'Returned, not used', 'run-unused');
      unused.append(run.unused.length ? table(['Output', 'Value'], run.unused.map((/** @type {any} */ u) => [u.output, show(u.value)]), (_tr, i) => rendered.unused.push(run.unused[i].output)) : el('p', 'empty', 'Nothing: the flow reads every value returned.'));

      const path = section(app, 'Path', 'run-path');
      const ol = el('ol', 'path');
      run.path.forEach((/** @type {any} */ s) => {
        const li = el('li', 'step kind-' + s.kind);
        li.dataset.element = s.element;
        if (s.decision && s.decision.outcome) li.dataset.outcome = s.decision.outcome;
        const name = el('a', 'element', s.element);
        name.setAttribute('href', '#');
        name.title = 'Reveal ' + s.element + ' in the flow';
        name.addEventListener('click', (e) => {
          e.preventDefault();
          post({ type: 'reveal', element: s.element });
        });
        li.append(el('span', 'via', s.via === 'start' ? 'callout' : s.via), name, el('span', 'detail', s.detail));
        if (s.decision) {
          const rules = el('ul', 'rules');
          for (const rule of s.decision.rules) {
            const rl = el('li', 'rule result-' + String(rule.result), rule.outcome + ': ' + (rule.result === null ? 'cannot tell — ' + rule.why : String(rule.result)));
            const conds = el('ul', 'conditions');
            for (const c of rule.conditions) conds.append(el('li', undefined, c.left + ' ' + c.operator + ' ' + show(c.rightValue) + ' — ' + show(c.leftValue) + ' → ' + (c.result === null ? 'cannot tell' : String(c.result))));
            rl.append(conds);
            rules.append(rl);
          }
          li.append(rules);
          rendered.outcomes.push(s.decision.outcome);
        }
        rendered.path.push(s.element);
        ol.append(li);
      });
      path.append(ol);
      const end = el('p', 'end end-' + run.end.kind, run.end.message);
      end.id = 'run-end';
      end.dataset.kind = run.end.kind;
      path.append(end);
      if (run.end.reads) for (const line of run.end.reads) path.append(el('p', 'reads', 'would read ' + line));

      const writes = section(app, 'Record writes (not performed)', 'run-writes');
      if (!run.writes.length) writes.append(el('p', 'empty', 'No record write on this path.'));
      for (const w of run.writes) {
        const box = el('div', 'write');
        box.dataset.element = w.element;
        box.append(el('h3', undefined, w.element + ': ' + w.operation + ' ' + w.target));
        box.append(table(['Field', 'Value'], w.fields.map((/** @type {any} */ f) => [f.field, show(f.value)])));
        writes.append(box);
        rendered.writes.push(w.element);
      }
    }
    return rendered;
  }

  /** @type {any} */ (window).FlowCalloutFlowRun = { render };
})();
