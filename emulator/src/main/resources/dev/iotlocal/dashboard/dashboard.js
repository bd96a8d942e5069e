// The dashboard: one snapshot, then every change pushed over a WebSocket (never polled).
(function () {
  const MAX_ROWS = 200;
  const $ = id => document.getElementById(id);
  const counts = new Map();

  function cell(row, text, className) {
    const td = document.createElement('td');
    td.textContent = text;
    if (className) td.className = className;
    row.appendChild(td);
    return td;
  }

  function prepend(tableId, row) {
    const body = document.querySelector(`#${tableId} tbody`);
    body.insertBefore(row, body.firstChild);
    while (body.rows.length > MAX_ROWS) body.deleteRow(body.rows.length - 1);
  }

  function time(iso) {
    return new Date(iso).toLocaleTimeString();
  }

  function showState(state) {
    $('service').textContent = `${state.service} · ${state.stage} · ${state.region}`;
    $('endpoints').replaceChildren(...state.endpoints.map(e => {
      const li = document.createElement('li');
      li.textContent = e;
      return li;
    }));
    const functions = document.querySelector('#functions tbody');
    functions.replaceChildren(...state.functions.map(f => {
      const row = document.createElement('tr');
      row.id = `function-${f.name}`;
      cell(row, f.name);
      cell(row, f.handler);
      cell(row, `${f.timeoutSeconds} s`);
      cell(row, String(f.invocations), 'count');
      cell(row, f.lastDurationMs == null ? '' : `${f.lastDurationMs} ms`, 'last');
      return row;
    }));
    showRules(state.rules);
    showClients(state.clients);
    document.querySelector('#invocations tbody').replaceChildren();
    state.invocations.forEach(invocation => showInvocation(invocation, false));
  }

  function showRules(rules) {
    document.querySelector('#rules tbody').replaceChildren(...rules.map(r => {
      const row = document.createElement('tr');
      row.id = `rule-${r.name}`;
      cell(row, r.enabled ? r.name : `${r.name} (disabled)`);
      cell(row, r.sql, 'sql');
      cell(row, String(r.matched), 'count');
      return row;
    }));
  }

  function showClients(clients) {
    $('client-count').textContent = `(${clients.length})`;
    $('clients').replaceChildren(...clients.map(c => {
      const li = document.createElement('li');
      li.textContent = c;
      return li;
    }));
  }

  function showInvocation(invocation, live = true) {
    const row = document.createElement('tr');
    cell(row, time(invocation.start));
    cell(row, invocation.function);
    cell(row, invocation.type + (invocation.coldStart ? ' (cold)' : ''));
    cell(row, invocation.result, invocation.result === 'success' ? 'ok' : 'failed');
    cell(row, `${invocation.durationMs} ms`);
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = `${invocation.logLines.length} lines`;
    const pre = document.createElement('pre');
    pre.textContent = invocation.logLines.join('\n');
    details.append(summary, pre);
    row.appendChild(document.createElement('td')).appendChild(details);
    prepend('invocations', row);
    const fn = document.getElementById(`function-${invocation.function}`);
    if (fn && live) {
      fn.querySelector('.count').textContent = String(Number(fn.querySelector('.count').textContent) + 1);
      fn.querySelector('.last').textContent = `${invocation.durationMs} ms`;
    }
  }

  function showMessage(message) {
    const row = document.createElement('tr');
    cell(row, time(message.time));
    cell(row, message.topic);
    cell(row, message.clientId || '(HTTP / emulator)');
    cell(row, message.payload, 'payload');
    prepend('messages', row);
  }

  function live() {
    const socket = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/_iotlocal/live`);
    socket.onopen = () => $('live-state').textContent = '(live)';
    socket.onclose = () => {
      $('live-state').textContent = '(disconnected: reload when the emulator runs again)';
    };
    socket.onmessage = event => {
      const update = JSON.parse(event.data);
      if (update.type === 'state') showState(update.state);
      else if (update.type === 'message') showMessage(update.message);
      else if (update.type === 'invocation') showInvocation(update.invocation);
      else if (update.type === 'rules') showRules(update.rules);
      else if (update.type === 'clients') showClients(update.clients);
    };
  }

  // The snapshot at once, then the live socket (which sends a fresh snapshot and every change after it).
  fetch('/_iotlocal/api/state').then(response => response.json()).then(showState).finally(live);
})();
