import { api, $, el, badge, flash, pollJob, jobView, when } from './common.js';

const detail = $('#job-detail');
let watching = null;

async function list() {
  const { jobs } = await api('/jobs?limit=50');
  $('#jobs tbody').replaceChildren(...(jobs.length ? jobs.map(j => el('tr', {},
    el('td', {}, when(j.created_at)), el('td', {}, j.kind), el('td', {}, j.created_by), el('td', {}, badge(j.status)),
    el('td', {}, el('progress', { max: 100, value: Math.round((j.progress || 0) * 100), 'aria-label': 'Progress of ' + j.kind })),
    el('td', {}, el('button', { type: 'button', onclick: () => watch(j.id) }, 'Details'))))
    : [el('tr', {}, el('td', { colspan: 6 }, 'No job yet.'))]));
  return jobs;
}

async function watch(id) {
  watching = id;
  detail.hidden = false;
  await pollJob(id, j => { if (watching === id) detail.replaceChildren(el('h2', {}, 'Job ' + j.kind), jobView(j)); });
  await list();
}

// The list refreshes while any job runs, so progress moves without reloading the page.
(async () => {
  for (;;) {
    try {
      const jobs = await list();
      if (!jobs.some(j => ['queued', 'running'].includes(j.status))) return;
    } catch (e) { flash(e.message, true); return; }
    await new Promise(r => setTimeout(r, 1000));
  }
})();
