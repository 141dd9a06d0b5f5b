import { api, $, el, when } from './common.js';

const dl = (target, pairs) => target.replaceChildren(...pairs.flatMap(([k, v]) => [el('dt', {}, k), el('dd', {}, String(v))]));

(async () => {
  try {
    const { stats } = await api('/registrations/stats');
    for (const k of ['totalPhones', 'registered', 'unregistered']) $(`[data-stat="${k}"]`).textContent = stats[k];
    dl($('#by-type'), Object.entries(stats.byType));
  } catch (e) { $('#reg-stats').replaceChildren(el('p', { class: 'form-error' }, e.message)); }
})();

(async () => {
  try {
    const { vendors } = await api('/catalog');
    const rows = await Promise.all(vendors.map(async v => [v.name, (await api('/devices?limit=1&vendor=' + encodeURIComponent(v.id))).total]));
    $('#by-vendor tbody').replaceChildren(...rows.map(([n, c]) => el('tr', {}, el('td', {}, n), el('td', {}, String(c)))));
  } catch (e) { $('#by-vendor tbody').replaceChildren(el('tr', {}, el('td', { colspan: 2 }, e.message))); }
})();

(async () => {
  try {
    const { summary } = await api('/firmware/compliance');
    dl($('#compliance'), [['Compliant', summary.compliant], ['Outdated', summary.outdated], ['Unknown version', summary.unknown], ['No target', summary.no_target]]);
  } catch (e) { $('#compliance').replaceChildren(el('p', { class: 'form-error' }, e.message)); }
})();

// Failed items of the latest jobs (resync, reboot, provision, firmware, reset).
(async () => {
  const body = $('#failures tbody');
  try {
    const { jobs } = await api('/jobs?limit=20');
    const failed = jobs.filter(j => j.failed > 0 || j.status === 'failed').slice(0, 8);
    const rows = [];
    for (const j of failed) {
      const full = await api('/jobs/' + encodeURIComponent(j.id));
      for (const i of full.items.filter(i => i.status === 'failed').slice(0, 5)) {
        rows.push(el('tr', {}, el('td', {}, when(i.updated_at)), el('td', {}, j.kind), el('td', {}, i.target), el('td', {}, i.detail || '')));
      }
    }
    body.replaceChildren(...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 4 }, 'No recent failure.'))]));
  } catch (e) { body.replaceChildren(el('tr', {}, el('td', { colspan: 4 }, e.message))); }
})();
