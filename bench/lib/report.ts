// The bench's Markdown report: the figures of each section, the workflow/baseline ratios, where the
// CPU went, and each target of the issue met or not.

const fmt = (value: unknown, digits = 1) =>
  typeof value === 'number' && Number.isFinite(value) ? (Number.isInteger(value) ? String(value) : value.toFixed(digits)) : value == null ? '—' : String(value);
const row = (cells: unknown[]) => `| ${cells.map((c) => fmt(c)).join(' | ')} |`;
const head = (cells: string[]) => `${row(cells)}\n|${cells.map(() => '---').join('|')}|`;

export function renderReport(r: Record<string, any>): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(`#### Bench ${r.quick ? '(quick mode: small data sets, not the reference figures)' : '(full)'} — ${r.finishedAt?.slice(0, 16).replace('T', ' ')} UTC, ${r.totalSeconds} s`);
  out.push('');
  out.push(`Machine: ${m.cpu}, ${m.memoryGiB} GiB, ${m.kernel}; load average at start ${m.loadAverageAtStart.join(' / ')}, at end ${m.loadAverageAtEnd.join(' / ')}.`);
  out.push(`Versions: Node ${m.node}, Temporal TypeScript SDK ${m.temporalSdk}, ${m.temporalCli ?? 'Temporal at TEMPORAL_ADDRESS'}, ${m.postgres}, Sequelize ${m.sequelize}, Express ${m.express}.`);
  const s = r.settings;
  const w = s.worker ?? {};
  out.push(
    `Settings: ${s.temporal}; ${s.database} (shared_buffers ${s.postgres.shared_buffers}, synchronous_commit ${s.postgres.synchronous_commit}, fsync ${s.postgres.fsync}); ` +
      `worker maxCachedWorkflows ${w.maxCachedWorkflows}, workflow/activity/local-activity slots ${w.workflowTaskSlots}/${w.activityTaskSlots}/${w.localActivityTaskSlots}, ` +
      `sticky schedule-to-start ${w.stickyQueueScheduleToStartTimeout}${w.tuningOverride ? `, override ${JSON.stringify(w.tuningOverride)}` : ''}; ` +
      `API Sequelize pool ${s.api.sequelizePoolMax ?? 10}, session pool ${s.api.sessionPoolMax}; LOG_LEVEL ${s.logLevel}; load generator: ${s.loadGenerator}. ` +
      `Each role is its own process (worker, API, SMTP sink, Temporal, PostgreSQL) on the same 2 cores.`,
  );
  out.push('');

  if (r.transitions) {
    const t = r.transitions;
    out.push('**1–2. Transition latency** — `POST /api/applications/:id/transitions` `{action: "validate"}` by the référent on fresh applications (ms):');
    out.push('');
    out.push(head(['concurrency', 'path', 'n', 'p50', 'p95', 'p99', 'max', 'transitions/s', 'errors']));
    for (const c of [1, 32]) {
      const wf = t[`workflow_c${c}`];
      const base = t[`baseline_c${c}`];
      const ra = t[`ratio_c${c}`];
      out.push(row([c, 'workflow (Temporal Update + projection)', wf.count, wf.p50, wf.p95, wf.p99, wf.max, wf.perSecond, wf.errors]));
      out.push(row([c, 'SQL transaction (baseline)', base.count, base.p50, base.p95, base.p99, base.max, base.perSecond, base.errors]));
      out.push(row([c, '**ratio workflow / baseline**', '', `×${fmt(ra.p50, 2)}`, `×${fmt(ra.p95, 2)}`, `×${fmt(ra.p99, 2)}`, `×${fmt(ra.max, 2)}`, `×${fmt(ra.perSecond, 2)}`, '']));
      const floor = r.floor?.[`c${c}`];
      if (floor) out.push(row([c, 'floor: no-op Update, no projection (bench/floor-workflow.ts)', floor.count, floor.p50, floor.p95, floor.p99, floor.max, floor.perSecond, floor.errors]));
    }
    out.push('');
    out.push('CPU time per transition by process (ms; the 2 cores give 2,000 ms per second in all):');
    out.push('');
    out.push(head(['run', 'API', 'worker', 'Temporal', 'PostgreSQL', 'SMTP sink', 'load generator', 'total', 'machine busy']));
    for (const key of ['workflow_c1', 'baseline_c1', 'workflow_c32', 'baseline_c32']) {
      const cpu = t[key].cpuMsPerOp;
      const total = Object.values(cpu as Record<string, number>).reduce((a, b) => a + b, 0);
      out.push(row([key.replace('_c', ', c='), cpu.api, cpu.worker, cpu.temporal, cpu.postgres, cpu.smtp, cpu.bench, Math.round(total * 100) / 100, `${fmt(t[key].cpuBusy?.machine)} %`]));
    }
    for (const c of [1, 32]) {
      const cpu = r.floor?.[`c${c}`]?.cpuMsPerOp;
      if (cpu) out.push(row([`floor, c=${c}`, '', `${fmt(cpu.workerAndClient)} (worker and client, one process)`, cpu.temporal, '', '', '', Math.round((cpu.temporal + cpu.workerAndClient) * 100) / 100, '']));
    }
    if (r.creation) out.push('', `Creation (\`POST /api/applications\`, concurrency 32, untimed set-up): ${fmt(r.creation.perSecond)} per second, p50 ${fmt(r.creation.p50)} ms, p99 ${fmt(r.creation.p99)} ms.`);
    if (r.historyPerTransition) out.push(`History of a validated application: ${r.historyPerTransition.events} events, ${r.historyPerTransition.bytes} bytes.`);
    out.push('');
  }

  if (r.floor && !r.transitions) {
    out.push('**0. Floor** — a no-op Update on an empty workflow (bench/floor-workflow.ts) (ms; CPU per Update):');
    out.push('');
    out.push(head(['concurrency', 'n', 'p50', 'p95', 'p99', 'max', 'Updates/s', 'errors', 'Temporal CPU', 'worker and client CPU']));
    for (const c of [1, 32]) {
      const f = r.floor[`c${c}`];
      if (f) out.push(row([c, f.count, f.p50, f.p95, f.p99, f.max, f.perSecond, f.errors, f.cpuMsPerOp.temporal, f.cpuMsPerOp.workerAndClient]));
    }
    out.push('');
  }

  if (r.lifecycle) {
    const l = r.lifecycle;
    out.push(`**3. Lifecycle throughput** — create → validate → accept → propose_interview → confirm_interview → (the interview's start, 2 s later) → mark_interview_done → hire, ${l.concurrentApplications} applications in flight, mails to the SMTP sink:`);
    out.push('');
    out.push(head(['seconds', 'hired', 'hired/s', 'API calls/s', 'transition p50', 'p95', 'p99', 'mails (per application)', 'errors', 'outbox pending / failed after drain']));
    out.push(row([l.seconds, l.hired, l.hiredPerSecond, l.transitionsPerSecond, l.transitionLatency.p50, l.transitionLatency.p95, l.transitionLatency.p99, `${l.mailsReceived} (${fmt(l.mailsPerApplication)})`, l.errors, `${l.outboxPending} / ${l.outboxFailed}`]));
    out.push('');
  }

  if (r.reads) {
    const rd = r.reads;
    out.push(`**4. Read path** — ${Object.entries(rd.dataSet).map(([k, v]) => `${fmt(v)} ${k}`).join(', ')} (seeded in ${rd.seedSeconds} s) (ms):`);
    out.push('');
    out.push(head(['read', 'concurrency', 'n', 'p50', 'p95', 'p99', 'requests/s', 'errors']));
    const names: Record<string, string> = {
      referentQueue: 'référent’s waiting queue `GET /api/applications`',
      recruiterList: 'recruiter’s list with filters `GET /api/applications?status=…|offerId=…`',
      offerSearch: 'public offer search `GET /api/offers?q=…&department=…&contractType=…`',
    };
    for (const [key, label] of Object.entries(names)) {
      for (const c of [1, 8]) {
        const x = rd[`${key}_c${c}`];
        if (x) out.push(row([label, c, x.count, x.p50, x.p95, x.p99, x.perSecond, x.errors]));
      }
    }
    out.push('');
  }

  if (r.cvtheque) {
    const cv = r.cvtheque;
    out.push(`**4b. CVthèque search** — ${Object.entries(cv.dataSet).map(([k, v]) => `${fmt(v)} ${k}`).join(', ')} (seeded in ${cv.seedSeconds} s); \`GET /api/cvtheque\` with text, radius and filters, facets included (ms):`);
    out.push('');
    out.push(head(['search', 'concurrency', 'n', 'p50', 'p95', 'p99', 'requests/s', 'errors']));
    for (const c of [1, 8]) {
      const x = cv[`search_c${c}`];
      if (x) out.push(row(['the mix of queries', c, x.count, x.p50, x.p95, x.p99, x.perSecond, x.errors]));
    }
    for (const [query, x] of Object.entries(cv.byKind ?? {}) as Array<[string, any]>) out.push(row([`\`${query}\``, 1, x.count, x.p50, x.p95, x.p99, x.perSecond, x.errors]));
    out.push('');
  }

  if (r.matching) {
    const m = r.matching;
    out.push(`**4c. Matching** — ${Object.entries(m.dataSet).map(([k, v]) => `${fmt(v)} ${k}`).join(', ')}; \`POST /api/matching\`, every consenting profile rated in SQL, a page of 20 explained (ms):`);
    out.push('');
    out.push(head(['criteria', 'concurrency', 'n', 'p50', 'p95', 'p99', 'requests/s', 'errors']));
    if (m.match_c1) out.push(row(['the mix of criteria', 1, m.match_c1.count, m.match_c1.p50, m.match_c1.p95, m.match_c1.p99, m.match_c1.perSecond, m.match_c1.errors]));
    for (const [criteria, x] of Object.entries(m.byKind ?? {}) as Array<[string, any]>) out.push(row([`\`${criteria}\``, 1, x.count, x.p50, x.p95, x.p99, x.perSecond, x.errors]));
    out.push('');
  }

  if (r.openWorkflows) {
    const o = r.openWorkflows;
    out.push(`**5. Open workflows** — ${fmt(o.openWorkflowsInTemporal ?? o.created.count)} applications waiting for the référent at once (started with the API's service function, row and workflow, at ${fmt(o.created.perSecond)}/s):`);
    out.push('');
    out.push(head(['', 'worker RSS MiB', 'cached workflows', 'Temporal RSS MiB', 'API RSS MiB', 'PostgreSQL PSS MiB']));
    for (const [label, mem] of [
      ['before', o.memoryBefore],
      ['open', o.memoryOpen],
      ['after the transitions', o.memoryAfter],
    ] as const) {
      out.push(row([label, mem.workerRssMiB, mem.workerCachedWorkflows, mem.temporalRssMiB, mem.apiRssMiB, mem.postgresPssMiB]));
    }
    if (o.memoryOpenAfterFullGc) out.push('', `After a forced full garbage collection of the worker's main isolate while open: RSS ${o.memoryOpenAfterFullGc.workerRssMiB} MiB, main heap used ${o.memoryOpenAfterFullGc.workerHeapUsedMiB} MiB (before: ${o.memoryOpen.workerHeapUsedMiB} MiB).`);
    out.push('');
    out.push(head(['transition among them', 'n', 'p50', 'p95', 'p99', 'transitions/s', 'errors', 'p50 / p99 vs section 1']));
    for (const c of [1, 32]) {
      const x = o[`c${c}`];
      const vs = o[`c${c}_vs_few_open`];
      if (x) out.push(row([`concurrency ${c}`, x.count, x.p50, x.p95, x.p99, x.perSecond, x.errors, vs ? `×${fmt(vs.p50, 2)} / ×${fmt(vs.p99, 2)}` : '—']));
    }
    out.push('');
  }

  const targets = targetsOf(r);
  if (targets.length) {
    out.push('**Targets**');
    out.push('');
    out.push(head(['target', 'measured', 'status']));
    for (const t of targets) out.push(row([t.target, t.measured, t.met ? 'met' : '**not met**']));
  }
  return out.join('\n');
}

export function targetsOf(r: Record<string, any>) {
  const targets: Array<{ target: string; measured: string; met: boolean }> = [];
  const t = r.transitions;
  if (t) {
    targets.push({ target: 'transitions at concurrency 32 ≥ 200/s', measured: `${fmt(t.workflow_c32.perSecond)}/s`, met: t.workflow_c32.perSecond >= 200 });
    targets.push({ target: 'p99 at concurrency 32 < 250 ms', measured: `${fmt(t.workflow_c32.p99)} ms`, met: t.workflow_c32.p99 < 250 });
    targets.push({ target: 'p50 at concurrency 1 < 20 ms', measured: `${fmt(t.workflow_c1.p50)} ms`, met: t.workflow_c1.p50 < 20 });
    targets.push({ target: 'workflow/baseline p50 at concurrency 1 ≤ 3', measured: `×${fmt(t.ratio_c1.p50, 2)}`, met: t.ratio_c1.p50 <= 3 });
    const errors = ['workflow_c1', 'baseline_c1', 'workflow_c32', 'baseline_c32'].reduce((sum, k) => sum + t[k].errors, 0);
    targets.push({ target: 'no transition error', measured: String(errors), met: errors === 0 });
  }
  if (r.lifecycle) targets.push({ target: 'lifecycle ≥ 60 s with 0 errors', measured: `${fmt(r.lifecycle.seconds)} s, ${r.lifecycle.errors} errors, ${r.lifecycle.outboxFailed} failed mails`, met: r.lifecycle.seconds >= 60 && r.lifecycle.errors === 0 && r.lifecycle.outboxFailed === 0 && r.lifecycle.outboxPending === 0 });
  if (r.reads) {
    for (const key of ['referentQueue', 'recruiterList', 'offerSearch']) {
      const x = r.reads[`${key}_c1`];
      targets.push({ target: `${key}: p95 < 30 ms at ${fmt(r.reads.dataSet.applications)} applications`, measured: `${fmt(x.p95)} ms`, met: x.p95 < 30 && x.errors === 0 && r.reads.dataSet.applications >= 100_000 });
    }
  }
  if (r.cvtheque) {
    const cv = r.cvtheque;
    const profiles = cv.dataSet.profiles;
    for (const [c, goal] of [[1, 100], [8, 300]] as const) {
      const x = cv[`search_c${c}`];
      if (x) targets.push({ target: `CVthèque search: p95 < ${goal} ms at concurrency ${c}, ${fmt(profiles)} profiles`, measured: `${fmt(x.p95)} ms`, met: x.p95 < goal && x.errors === 0 && profiles >= 100_000 });
    }
  }
  if (r.matching?.match_c1) {
    const x = r.matching.match_c1;
    const profiles = r.matching.dataSet.profiles;
    targets.push({ target: `Matching: p95 < 300 ms at concurrency 1, ${fmt(profiles)} profiles`, measured: `${fmt(x.p95)} ms`, met: x.p95 < 300 && x.errors === 0 && profiles >= 100_000 });
  }
  if (r.openWorkflows) {
    const o = r.openWorkflows;
    const open = o.openWorkflowsInTemporal ?? o.created.count;
    targets.push({ target: `worker RSS < 1 GiB with ${fmt(open)} open workflows`, measured: `${o.memoryOpen.workerRssMiB} MiB (max of open/after: ${Math.max(o.memoryOpen.workerRssMiB, o.memoryAfter.workerRssMiB)} MiB)`, met: Math.max(o.memoryOpen.workerRssMiB, o.memoryAfter.workerRssMiB) < 1024 && open >= 10_000 });
    for (const c of [1, 32]) {
      const vs = o[`c${c}_vs_few_open`];
      if (vs) targets.push({ target: `p99 among them within 20 % (concurrency ${c})`, measured: `×${fmt(vs.p99, 2)} (${fmt(o[`c${c}`].p99)} ms)`, met: vs.p99 <= 1.2 && open >= 10_000 });
    }
  }
  return targets;
}
