// Issue #20's goals, from a bench report: each figure of a configuration against the floor measured in
// the same run (a no-op Update on the same Temporal server), or against the reference the goal names
// (the application's transition for offers, the idle latency for the busy one), then `npm start`'s
// configuration against the best configuration of the run. Pure: the report in, the rows out
// (rendered by report.ts, tested by test/rules/bench-goals.test.ts).

/** One goal of one configuration (or `start` against the best, `configuration: 'start vs best'`). */
export interface GoalRow {
  configuration: string;
  goal: string;
  /** The measured figure, in `unit`. */
  measured: number;
  unit: string;
  /** What it is compared with: the floor's figure, another measurement, or null for an absolute limit. */
  reference: number | null;
  referenceLabel: string;
  /** measured / reference (null for an absolute limit). */
  ratio: number | null;
  /** The bound, as printed: `≤ ×2`, `≥ ×0.5`, `≤ 1000 ms`… */
  limit: string;
  met: boolean;
}

/** The figures a configuration's block holds (what bench/run.ts writes; extra fields are ignored). */
export interface Latency {
  count: number;
  errors: number;
  p50: number;
  p99: number;
  perSecond: number;
}
type Cpu = Record<string, number>;
type Measured = Latency & { cpuMsPerOp?: Cpu };
/** Offer transitions and the application's `validate` taken in turn (bench/run.ts `measureInterleaved`). */
export interface OffersInTurn {
  blocks?: number;
  submit?: Latency;
  approve?: Latency;
  validate?: Latency;
}

export interface ConfigurationFigures {
  name: string;
  floor?: {
    c1?: Latency & { cpuMsPerOp?: Cpu };
    c32?: Latency;
    cold_c1?: Latency;
    ladder_local_sa_activity?: Latency & { cpuMsPerOp?: Cpu };
    ladder_local_sa_queued?: Latency & { cpuMsPerOp?: Cpu };
    /** Reports before 'notice-with-event': that shape at concurrency 32. */
    ladder_local_sa_queued_c32?: Latency & { cpuMsPerOp?: Cpu };
    /** A transition's command shape (bench/run.ts `TRANSITION_RUNG`), at concurrency 1 and 32. */
    ladder_transition?: Latency & { cpuMsPerOp?: Cpu };
    ladder_transition_c32?: Latency & { cpuMsPerOp?: Cpu };
    /** That shape cold: a case created then moved, each Update on a worker without cache (replaying the case first). */
    ladder_transition_cold?: Latency & { cpuMsPerOp?: Cpu };
    /** A transition's shape with its waiting timer moved by each Update (reported, not in the bounds). */
    ladder_local_sa_timer?: Latency & { cpuMsPerOp?: Cpu };
    ladder_local_status_timer?: Latency & { cpuMsPerOp?: Cpu };
    ladder_local_sa_timer_c32?: Latency & { cpuMsPerOp?: Cpu };
    /** One mail through the worker's pooled SMTP transport to the same sink, no database (an operation is a mail), one at a time. */
    mail?: Latency & { cpuMsPerOp?: Cpu };
    /** The same, four at a time (the transport's connections), as a burst of notices sends them. */
    mail_c4?: Latency & { cpuMsPerOp?: Cpu };
    /**
     * One mail as the product sends it, never lost nor sent twice: through the platform's mailer, its
     * outbox row written, locked while the relay answers, marked SENT; one at a time, and four.
     */
    mail_outbox?: Measured;
    mail_outbox_c4?: Measured;
    /** A creation's shape (bench/floor-workflow.ts `created`) started at concurrency 32, its first workflow task counted. */
    created_c32?: Latency & { cpuMsPerOp?: Cpu };
  };
  transitions?: {
    /** `mailsPerOp`: the mails the SMTP sink received per transition of the run (its notice). */
    workflow_warm_c1?: Latency & { cpuMsPerOp?: Cpu; mailsPerOp?: number };
    /** `interleaved`: the interleaved cold run's `ours`, copied here (bench/run.ts). */
    workflow_cold_c1?: Latency & { interleaved?: boolean };
    workflow_c32?: Latency;
    baseline_c1?: Latency & { cpuMsPerOp?: Cpu };
    baseline_c32?: Latency & { cpuMsPerOp?: Cpu };
    /** A référent's spontaneous application as plain SQL behind the same API (bench/baseline.ts), at 32. */
    baseline_creation_c32?: Latency & { cpuMsPerOp?: Cpu };
    /** The least run at 32 (bench/run.ts measureLeast32): the shape, then the SQL click (creation), its mails told beside. */
    least_c32?: Measured;
    least_creation_c32?: Measured;
  };
  /** The machine's cores, shared by every process: 1,000 ms of CPU per second each. */
  cores?: number;
  /** `mailsPerOp`: the mails the SMTP sink received per creation (its `created` notice). */
  creation?: Latency & { cpuMsPerOp?: Cpu; mailsPerOp?: number };
  busy?: { idle?: Latency; busy?: Latency; burst?: Latency };
  /**
   * The floor, a transition's shape, the SQL baseline and ours at concurrency 1, warm, taken in turn in
   * blocks (bench/run.ts `measureInterleaved`): what the warm goals and their bounds read when present;
   * `cold`, the same cold (the floor and the shape on a worker without cache, ours evicted).
   */
  interleaved?: InterleavedRun & { cold?: InterleavedRun };
  offers?: {
    submit_c1?: Latency;
    approve_c1?: Latency;
    submit_c32?: Latency;
    approve_c32?: Latency;
    /** At concurrency 1, taken in turn with the application's `validate` (their reference); submit_c1 and approve_c1 are these. */
    interleaved?: OffersInTurn;
    /** The same at concurrency 32; submit_c32 and approve_c32 are these. */
    interleaved32?: OffersInTurn;
  };
}

/** The four kinds of an interleaved run, each pooled over its blocks. */
export interface InterleavedRun {
  blocks?: number;
  floor?: Measured;
  shape?: Measured;
  baseline?: Measured;
  ours?: Measured;
}

/** Absolute p99 bound at concurrency 32, for transitions and creations (ms). */
export const P99_LIMIT_MS = 1000;

const round = (value: number, digits = 2) => Math.round(value * 10 ** digits) / 10 ** digits;
const usable = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/**
 * The figures at concurrency 1, warm or cold, the goals and bounds read: the interleaved run's when it
 * has all four kinds, else the separate runs' (reports before it, or a run without the floor's section).
 */
export function atOne(c: ConfigurationFigures, temperature: 'warm' | 'cold'): { interleaved: boolean; floor?: Measured; shape?: Measured; baseline?: Measured; ours?: Measured } {
  const i = temperature === 'warm' ? c.interleaved : c.interleaved?.cold;
  if (i?.floor && i.shape && i.baseline && i.ours) return { interleaved: true, floor: i.floor, shape: i.shape, baseline: i.baseline, ours: i.ours };
  const f = c.floor;
  const t = c.transitions;
  return temperature === 'warm'
    ? { interleaved: false, floor: f?.c1, shape: f?.ladder_transition ?? f?.ladder_local_sa_queued ?? f?.ladder_local_sa_activity, baseline: t?.baseline_c1, ours: t?.workflow_warm_c1 }
    : // The SQL baseline has nothing to replay: its warm run stands for cold.
      { interleaved: false, floor: f?.cold_c1, shape: f?.ladder_transition_cold, baseline: t?.baseline_c1, ours: t?.workflow_cold_c1 };
}

/** Total CPU time per operation across every process measured (ms). */
export const cpuTotal = (cpu: Cpu | undefined): number | undefined => (cpu ? round(Object.values(cpu).reduce((a, b) => a + (usable(b) ? b : 0), 0)) : undefined);

export function goalsOf(report: { configs?: ConfigurationFigures[] }): GoalRow[] {
  const rows: GoalRow[] = [];
  const configs = report.configs ?? [];
  for (const c of configs) rows.push(...configurationGoals(c));
  rows.push(...acrossConfigurations(configs));
  return rows;
}

/**
 * `measured` against `reference` times `factor`: at most (`atMost`) or at least. The ratio printed is
 * measured / reference; the limit, the factor.
 */
function relative(configuration: string, goal: string, unit: string, measured: number | undefined, reference: number | undefined, referenceLabel: string, bound: 'atMost' | 'atLeast', factor: number, limit: string): GoalRow[] {
  if (!usable(measured) || !usable(reference) || reference <= 0) return [];
  const ratio = measured / reference;
  return [{ configuration, goal, measured, unit, reference, referenceLabel, ratio: round(ratio), limit, met: bound === 'atMost' ? ratio <= factor : ratio >= factor }];
}

function absolute(configuration: string, goal: string, unit: string, measured: number | undefined, max: number, limit: string): GoalRow[] {
  if (!usable(measured)) return [];
  return [{ configuration, goal, measured, unit, reference: null, referenceLabel: '', ratio: null, limit, met: measured <= max }];
}

function configurationGoals(c: ConfigurationFigures): GoalRow[] {
  const name = c.name;
  const f = c.floor;
  const t = c.transitions;
  const rows: GoalRow[] = [];
  // Transition latency at concurrency 1: warm against the floor's warm (taken in turn with it when the
  // run interleaved them), cold against its cold.
  const warm = atOne(c, 'warm');
  const cold = atOne(c, 'cold');
  const inTurn = warm.interleaved ? ', interleaved' : '';
  rows.push(...relative(name, 'transition p50, concurrency 1, warm', 'ms', warm.ours?.p50, warm.floor?.p50, `floor p50, c1, warm${inTurn}`, 'atMost', 2, '≤ ×2'));
  rows.push(...relative(name, 'transition p50, concurrency 1, cold', 'ms', cold.ours?.p50, cold.floor?.p50, `floor p50, c1, cold${cold.interleaved ? ', interleaved' : ''}`, 'atMost', 2, '≤ ×2'));
  // Throughput at concurrency 32, and its tail.
  rows.push(...relative(name, 'transitions/s, concurrency 32', '/s', t?.workflow_c32?.perSecond, f?.c32?.perSecond, 'floor Updates/s, c32', 'atLeast', 0.5, '≥ ×0.5'));
  rows.push(...absolute(name, 'transition p99, concurrency 32', 'ms', t?.workflow_c32?.p99, P99_LIMIT_MS, `≤ ${P99_LIMIT_MS} ms`));
  rows.push(...relative(name, 'creations/s, concurrency 32', '/s', c.creation?.perSecond, f?.c32?.perSecond, 'floor Updates/s, c32', 'atLeast', 0.5, '≥ ×0.5'));
  rows.push(...absolute(name, 'creation p99, concurrency 32', 'ms', c.creation?.p99, P99_LIMIT_MS, `≤ ${P99_LIMIT_MS} ms`));
  // Offer transitions as fast as the application's (within 10 %): against the `validate` taken in turn
  // with them when the run has it, else the transitions' runs.
  const appInTurn = c.offers?.interleaved?.validate;
  const app = (appInTurn ?? t?.workflow_warm_c1)?.p50;
  const appLabel = `application p50, c1, warm${appInTurn ? ', interleaved' : ''}`;
  const app32InTurn = c.offers?.interleaved32?.validate;
  const app32 = (app32InTurn ?? t?.workflow_c32)?.perSecond;
  const app32Label = `application transitions/s, c32${app32InTurn ? ', interleaved' : ''}`;
  for (const action of ['submit', 'approve'] as const) {
    const o = c.offers;
    rows.push(...relative(name, `offer ${action} p50, concurrency 1, warm`, 'ms', o?.[`${action}_c1`]?.p50, app, appLabel, 'atMost', 1.1, '≤ ×1.1'));
    rows.push(...relative(name, `offer ${action}s/s, concurrency 32`, '/s', o?.[`${action}_c32`]?.perSecond, app32, app32Label, 'atLeast', 1 / 1.1, '≥ ÷1.1'));
  }
  // Clicks not queued behind mail work.
  rows.push(...relative(name, 'transition p50 while notices go out (busy), c1, warm', 'ms', c.busy?.busy?.p50, c.busy?.idle?.p50, 'the same, idle', 'atMost', 1.5, '≤ ×1.5'));
  // CPU per transition, every process, against the floor's (its worker and client are one process).
  rows.push(...relative(name, 'CPU per transition, all processes, c1, warm', 'ms', cpuTotal(warm.ours?.cpuMsPerOp), cpuTotal(warm.floor?.cpuMsPerOp), `floor CPU per Update, c1, warm${inTurn}`, 'atMost', 2.5, '≤ ×2.5'));
  // No measurement of the goals may hide errors; each counted once (the cold run measured interleaved is
  // its run's `ours`).
  const i = c.interleaved;
  const runs = [i?.floor, i?.shape, i?.baseline, i?.ours, i?.cold?.floor, i?.cold?.shape, i?.cold?.baseline, i?.cold?.ours, t?.workflow_warm_c1, t?.workflow_cold_c1?.interleaved ? undefined : t?.workflow_cold_c1, t?.workflow_c32, t?.baseline_c1, t?.baseline_c32, t?.least_c32, t?.least_creation_c32, c.creation, c.busy?.idle, c.busy?.busy, c.busy?.burst, c.offers?.submit_c1, c.offers?.approve_c1, c.offers?.submit_c32, c.offers?.approve_c32, c.offers?.interleaved?.validate, c.offers?.interleaved32?.validate, f?.c1, f?.c32, f?.cold_c1].filter((x): x is Latency => !!x);
  if (runs.length) rows.push(...absolute(name, 'errors in the runs above', '', runs.reduce((sum, x) => sum + (x.errors ?? 0), 0), 0, '0'));
  return rows;
}

/** `start` (what `npm start` runs) within ×1.3 of the best configuration of the run, figure by figure. */
function acrossConfigurations(configs: ConfigurationFigures[]): GoalRow[] {
  const start = configs.find((c) => c.name === 'start');
  if (!start || configs.length < 2) return [];
  const figures: Array<[string, string, 'lower' | 'higher', (c: ConfigurationFigures) => number | undefined]> = [
    ['transition p50, concurrency 1, warm', 'ms', 'lower', (c) => atOne(c, 'warm').ours?.p50],
    ['transitions/s, concurrency 32', '/s', 'higher', (c) => c.transitions?.workflow_c32?.perSecond],
    ['creations/s, concurrency 32', '/s', 'higher', (c) => c.creation?.perSecond],
    ['CPU per transition, all processes, c1, warm', 'ms', 'lower', (c) => cpuTotal(atOne(c, 'warm').ours?.cpuMsPerOp)],
  ];
  const rows: GoalRow[] = [];
  for (const [goal, unit, better, figure] of figures) {
    const mine = figure(start);
    const others = configs.map((c) => ({ name: c.name, value: figure(c) })).filter((x): x is { name: string; value: number } => usable(x.value) && x.value > 0);
    if (!usable(mine) || others.length < 2) continue;
    const best = others.reduce((a, b) => ((better === 'lower' ? b.value < a.value : b.value > a.value) ? b : a));
    rows.push(
      ...relative('start vs best', goal, unit, mine, best.value, `best: ${best.name}`, better === 'lower' ? 'atMost' : 'atLeast', better === 'lower' ? 1.3 : 1 / 1.3, better === 'lower' ? '≤ ×1.3' : '≥ ÷1.3'),
    );
  }
  return rows;
}

/**
 * What bounds a goal, measured in the same run. `shape`: Temporal's own cost for a transition's command
 * shape (a rung of the floor's ladder, bench/floor-workflow.ts: a local activity, a transition's search attributes upserted, the reminder's timer moved; cold, the same on a worker without cache, each Update replaying a created case first) — for a creation, a workflow started with an
 * application's search attributes whose first task runs a local activity and arms a timer — with no
 * code of ours. `least`: the least a transition (a creation) of this product can cost here — the shape,
 * plus what the same click costs as a plain SQL transaction behind the same HTTP stack, session and
 * rules (bench/baseline.ts: the projection's write and the API without Temporal), plus, for the CPU,
 * the mails its notice sends through the platform's mailer, each with its outbox row (mails never lost
 * nor sent twice; older reports: the same SMTP transport with no database). At 32, the least run
 * (the shape then the SQL click, its mails told beside: its throughput and p99); in reports without
 * it, reckoned — the most the cores let through at that CPU, and the mean wait of 32 clients at that
 * most. When `least` is past a goal's limit, no change to our code meets that
 * goal on this machine with what the product keeps (a durable workflow per case, its search attributes,
 * a PostgreSQL projection the API reads, mails for the people concerned); what is left between `least`
 * and ours is our code's to trim.
 */
export interface BoundRow {
  configuration: string;
  what: string;
  unit: string;
  floor: number;
  /** The shape alone, and shape / floor. */
  shape: number;
  shapeRatio: number;
  /** The least a transition costs (for throughput: the most it can reach), and least / floor; null when a part was not measured. */
  least: number | null;
  leastRatio: number | null;
  /** What `least` adds up: its parts, for the report. */
  leastParts: string;
  /** The goal's limit (on the ratio to the floor, or absolute), and whether `least` is within it (null: not measured). */
  limit: string;
  reachable: boolean | null;
  /** Ours, and ours / least (ours / shape when least was not measured). */
  ours: number;
  oursRatio: number;
  oursAgainst: 'least' | 'shape';
}

export function boundsOf(report: { configs?: ConfigurationFigures[] }): BoundRow[] {
  const rows: BoundRow[] = [];
  for (const c of report.configs ?? []) {
    const f = c.floor;
    const t = c.transitions;
    // At concurrency 1, warm: the interleaved run's four kinds when present (atOne); a transition's
    // shape as the run measured it; in older reports, the ladder's top (the product's shape then).
    const warm = atOne(c, 'warm');
    const { shape, ours } = warm;
    const mails = t?.workflow_warm_c1?.mailsPerOp;
    const mailsOf = (count: number | undefined, run: { cpuMsPerOp?: Cpu } | undefined) => {
      const one = cpuTotal(run?.cpuMsPerOp);
      return usable(count) && usable(one) ? count * one : undefined;
    };
    const shapeCpu = cpuTotal(shape?.cpuMsPerOp);
    const sum = (...parts: Array<number | undefined>) => (parts.every(usable) ? round((parts as number[]).reduce((a, b) => a + b, 0)) : undefined);
    /** `reach`: whether `least` (with its ratio to the floor) is within the goal. */
    const push = (what: string, unit: string, limit: string, reach: (least: number, ratio: number) => boolean, s: number | undefined, fl: number | undefined, least: number | undefined, leastParts: string, o: number | undefined) => {
      if (!usable(s) || !usable(fl) || !usable(o) || s <= 0 || fl <= 0) return;
      const measured = usable(least) && least > 0;
      rows.push({
        configuration: c.name,
        what,
        unit,
        floor: fl,
        shape: s,
        shapeRatio: round(s / fl),
        least: measured ? least : null,
        leastRatio: measured ? round(least / fl) : null,
        leastParts,
        limit,
        reachable: measured ? reach(least, least / fl) : null,
        ours: o,
        oursRatio: round(o / (measured ? least : s)),
        oursAgainst: measured ? 'least' : 'shape',
      });
    };
    // A mail with its outbox row when the run measured it (what the product promises), else the bare
    // send of older reports.
    const [mail1, mail4] = f?.mail_outbox ? [f.mail_outbox, f.mail_outbox_c4] : [f?.mail, f?.mail_c4];
    const withOutbox = f?.mail_outbox ? ' with their outbox rows' : '';
    const mailsLabel = `${usable(mails) ? round(mails, 1) : '?'} mails${withOutbox}`;
    // Latency at concurrency 1: the Update's round trip and the HTTP request with its SQL come one after
    // the other; the notice's mails go after the answer.
    const inTurn = warm.interleaved ? ', interleaved' : '';
    push(`p50, concurrency 1, warm${inTurn}`, 'ms', '≤ ×2', (_, r) => r <= 2, shape?.p50, warm.floor?.p50, sum(shape?.p50, warm.baseline?.p50), 'shape + SQL baseline', ours?.p50);
    // Cold against cold: the shape on a worker without cache, replaying a created case's history first,
    // against the floor's no-op Update replayed the same way; the SQL baseline has nothing to replay.
    const cold = atOne(c, 'cold');
    push(`p50, concurrency 1, cold${cold.interleaved ? ', interleaved' : ''}`, 'ms', '≤ ×2', (_, r) => r <= 2, cold.shape?.p50, cold.floor?.p50, sum(cold.shape?.p50, cold.baseline?.p50), 'cold shape + SQL baseline', cold.ours?.p50);
    push(
      `CPU per operation, all processes, c1, warm${inTurn}`,
      'ms',
      '≤ ×2.5',
      (_, r) => r <= 2.5,
      shapeCpu,
      cpuTotal(warm.floor?.cpuMsPerOp),
      sum(shapeCpu, cpuTotal(warm.baseline?.cpuMsPerOp), mailsOf(mails, mail1)),
      `shape + SQL baseline + ${mailsLabel}`,
      cpuTotal(ours?.cpuMsPerOp),
    );
    // At concurrency 32 every process shares the cores: no operation passes the cores' CPU over its own
    // at 32 — Temporal's for its shape, the SQL baseline's and its mails' (sent four at a time, as a
    // burst of notices sends them). 32 clients in a closed loop then wait 32 ÷ that on average (Little's
    // law): the least mean latency, which no p99 can be under. Since 2026-12-07 the least is also run
    // (`run32`, bench/run.ts measureLeast32): 32 clients, each the shape then the SQL click, their mails
    // told beside — its throughput and p99 measured, the parts sharing the cores as ours' do. When it
    // was run, the bounds are its figures, the reckoning shown beside.
    const atConcurrency32 = (
      noun: string,
      shape32: (Latency & { cpuMsPerOp?: Cpu }) | undefined,
      baseline32: { cpuMsPerOp?: Cpu } | undefined,
      mailCount: number | undefined,
      ours32: Latency | undefined,
      run32: Latency | undefined,
    ) => {
      const cpu32 = sum(cpuTotal(shape32?.cpuMsPerOp), cpuTotal(baseline32?.cpuMsPerOp), mailsOf(mailCount, mail4));
      const most = usable(c.cores) && usable(cpu32) && cpu32 > 0 ? round((c.cores * 1000) / cpu32, 1) : undefined;
      const mailsCounted = `${usable(mailCount) ? round(mailCount, 1) : '?'} mails${withOutbox}`;
      const parts = `${c.cores ?? '?'} cores ÷ CPU of shape + SQL baseline + ${mailsCounted} at 32`;
      const leastMean = usable(most) ? round((32 / most) * 1000, 1) : undefined;
      // Not a bound, an estimate: a p99 as far above its mean as the shape's own is at 32.
      const tail = usable(shape32?.p99) && usable(shape32?.perSecond) && shape32.perSecond > 0 ? shape32.p99 / ((32 / shape32.perSecond) * 1000) : undefined;
      const estimate = usable(leastMean) && usable(tail) ? `; at the shape's p99 / mean (×${round(tail)}): ${round(leastMean * tail, 0)} ms` : '';
      const ran = usable(run32?.perSecond) && run32.perSecond > 0 && !run32.errors ? run32 : undefined;
      const runParts = `run: 32 clients, each the shape then the SQL ${noun === 'transitions' ? 'click' : 'creation'}, ${mailsCounted} told beside`;
      const [perSecond, perSecondParts] = ran ? [ran.perSecond, `${runParts} (reckoned: ${most ?? '?'}/s)`] : [most, parts];
      const [p99, p99Least, p99Parts] = ran
        ? [ran.p99, 'run', `${runParts} (reckoned: mean ${usable(leastMean) ? round(leastMean, 0) : '?'} ms${estimate})`]
        : [leastMean, 'the mean at the most /s', `32 ÷ the most /s${estimate}`];
      push(`${noun}/s, concurrency 32`, '/s', '≥ ×0.5', (_, r) => r >= 0.5, shape32?.perSecond, f?.c32?.perSecond, perSecond, perSecondParts, ours32?.perSecond);
      push(`${noun} p99, concurrency 32 (least: ${p99Least})`, 'ms', `≤ ${P99_LIMIT_MS} ms`, (least) => least <= P99_LIMIT_MS, shape32?.p99, f?.c32?.p99, p99, p99Parts, ours32?.p99);
    };
    atConcurrency32('transitions', f?.ladder_transition_c32 ?? f?.ladder_local_sa_queued_c32, t?.baseline_c32, mails, t?.workflow_c32, t?.least_c32);
    atConcurrency32('creations', f?.created_c32, t?.baseline_creation_c32, c.creation?.mailsPerOp, c.creation, t?.least_creation_c32);
  }
  return rows;
}
