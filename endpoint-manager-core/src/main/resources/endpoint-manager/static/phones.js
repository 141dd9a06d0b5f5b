import { api, $, $$, el, badge, showError, clearErrors, formValues, pollJob, jobView, UI } from './common.js';

// Registration badges from /registrations, matched by MAC.
(async () => {
  const cells = $$('#phones tr[data-mac] .reg');
  if (!cells.length) return;
  try {
    const data = await api('/registrations');
    const byMac = new Map();
    for (const p of data.phones) if (p.macAddress) byMac.set(p.macAddress.toLowerCase(), p);
    for (const cell of cells) {
      const p = byMac.get(cell.parentElement.dataset.mac.toLowerCase());
      cell.replaceChildren(p && p.registered ? badge('registered', 'ok') : badge('not registered', 'bad'));
      if (p && p.lastRegistered) cell.append(' ', el('small', {}, p.lastRegistered));
    }
  } catch (e) { cells.forEach(c => c.replaceChildren(badge('unknown'))); }
})();

const add = $('#add-device');
add.addEventListener('submit', async ev => {
  ev.preventDefault();
  const body = Object.fromEntries(Object.entries(formValues(add)).filter(([, v]) => v !== ''));
  try {
    const d = await api('/devices', { method: 'POST', body });
    location.href = UI + '/phones/' + d.mac.replaceAll(':', '');
  } catch (e) { showError(add, e); }
});

const picks = () => $$('#phones .pick:checked').map(c => c.value);
const count = () => { $('#selected-count').textContent = picks().length + ' selected'; };
$('#select-all').addEventListener('change', e => { $$('#phones .pick').forEach(c => { c.checked = e.target.checked; }); count(); });
$$('#phones .pick').forEach(c => c.addEventListener('change', count));

const bulk = $('#bulk');
const result = $('#bulk-result');
for (const b of $$('[data-bulk]', bulk)) {
  b.addEventListener('click', async () => {
    clearErrors(bulk);
    const macs = picks();
    if (!macs.length) { showError(bulk, { message: 'Select at least one phone first.' }); return; }
    const kind = b.dataset.bulk;
    $$('[data-bulk]', bulk).forEach(x => { x.disabled = true; });
    result.hidden = false;
    result.replaceChildren(el('h2', {}, 'Bulk ' + kind), el('p', {}, 'Starting…'));
    try {
      if (kind === 'firmware') await firmware(macs);
      else {
        const job = await api('/fleet/bulk/' + kind, { method: 'POST', body: { phone_ids: macs } });
        await pollJob(job.id, j => result.replaceChildren(el('h2', {}, 'Bulk ' + kind), jobView(j)));
      }
    } catch (e) { showError(bulk, e); }
    $$('[data-bulk]', bulk).forEach(x => { x.disabled = false; });
  });
}

// No bulk firmware route: one firmware job per phone, shown as one combined table.
async function firmware(macs) {
  const url = $('#bulk-fw-url').value.trim();
  const rows = new Map(macs.map(m => [m, { target: m, status: 'pending', detail: '' }]));
  const render = () => {
    const items = [...rows.values()];
    const ok = items.filter(i => i.status === 'ok').length, bad = items.filter(i => i.status === 'failed').length;
    const running = items.some(i => ['pending', 'running', 'queued'].includes(i.status));
    result.replaceChildren(el('h2', {}, 'Bulk firmware'), jobView({ id: 'fw', kind: 'firmware', status: running ? 'running' : 'done',
      total: items.length, succeeded: ok, failed: bad, progress: (ok + bad) / items.length, items }));
  };
  render();
  await Promise.all(macs.map(async mac => {
    try {
      const job = await api('/devices/' + encodeURIComponent(mac) + '/firmware', { method: 'POST', body: { firmware_url: url } });
      await pollJob(job.id, j => {
        const item = (j.items || [])[0];
        rows.set(mac, { target: mac, status: item ? item.status : j.status, detail: item ? item.detail : '' });
        render();
      });
    } catch (e) { rows.set(mac, { target: mac, status: 'failed', detail: e.message }); render(); }
  }));
  render();
}
