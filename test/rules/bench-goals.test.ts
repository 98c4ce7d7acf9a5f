// Issue #20's goals as the bench prints them (bench/lib/goals.ts): each figure against the floor or
// the reference its goal names, per configuration, and `npm start`'s configuration against the best.
import { describe, expect, it } from 'vitest';
import { boundsOf, cpuTotal, goalsOf, type ConfigurationFigures, type GoalRow } from '../../bench/lib/goals.js';

const run = (p50: number, perSecond: number, p99 = p50 * 2, errors = 0) => ({ count: 100, errors, p50, p99, perSecond });

/** A configuration where every goal is met, with some room. */
function good(name: string, scale = 1): ConfigurationFigures {
  return {
    name,
    floor: { c1: { ...run(10, 90), cpuMsPerOp: { temporal: 5, workerAndClient: 5 } }, c32: run(60, 400), cold_c1: run(20, 45) },
    transitions: {
      workflow_warm_c1: { ...run(15 * scale, 60), cpuMsPerOp: { api: 5, worker: 8, temporal: 6, postgres: 3, smtp: 0.5, bench: 0.5 } },
      workflow_cold_c1: run(30, 30),
      workflow_c32: run(150, 300 / scale, 600),
      baseline_c1: run(3, 300),
      baseline_c32: run(40, 800),
    },
    creation: run(200, 250 / scale, 700),
    busy: { idle: run(15, 60), busy: run(20, 50), burst: run(200, 150) },
    offers: { submit_c1: run(15, 60), approve_c1: run(16, 60), submit_c32: run(150, 290 / scale), approve_c32: run(150, 280 / scale) },
  };
}

const find = (rows: GoalRow[], configuration: string, goal: string) => {
  const row = rows.find((r) => r.configuration === configuration && r.goal.startsWith(goal));
  if (!row) throw new Error(`no row ${configuration} / ${goal} in ${rows.map((r) => `${r.configuration}: ${r.goal}`).join('; ')}`);
  return row;
};

describe('the bench’s goals (issue #20)', () => {
  it('holds every goal of each configuration, then start against the best', () => {
    const rows = goalsOf({ configs: [good('start'), good('memory')] });
    expect(rows.filter((r) => r.configuration === 'start').map((r) => r.goal)).toEqual([
      'transition p50, concurrency 1, warm',
      'transition p50, concurrency 1, cold',
      'transitions/s, concurrency 32',
      'transition p99, concurrency 32',
      'creations/s, concurrency 32',
      'creation p99, concurrency 32',
      'offer submit p50, concurrency 1, warm',
      'offer submits/s, concurrency 32',
      'offer approve p50, concurrency 1, warm',
      'offer approves/s, concurrency 32',
      'transition p50 while notices go out (busy), c1, warm',
      'CPU per transition, all processes, c1, warm',
      'errors in the runs above',
    ]);
    expect(rows.filter((r) => r.configuration === 'start vs best')).toHaveLength(4);
    expect(rows.every((r) => r.met)).toBe(true);
  });

  it('compares warm with warm and cold with cold, against twice the floor', () => {
    const c = good('start');
    c.transitions!.workflow_warm_c1!.p50 = 21; // floor warm 10
    c.transitions!.workflow_cold_c1!.p50 = 40; // floor cold 20: exactly ×2 is met
    const rows = goalsOf({ configs: [c] });
    expect(find(rows, 'start', 'transition p50, concurrency 1, warm')).toMatchObject({ measured: 21, reference: 10, ratio: 2.1, limit: '≤ ×2', met: false });
    expect(find(rows, 'start', 'transition p50, concurrency 1, cold')).toMatchObject({ measured: 40, reference: 20, ratio: 2, met: true });
  });

  it('wants half the floor’s throughput at concurrency 32, and a p99 within a second', () => {
    const c = good('memory');
    c.transitions!.workflow_c32 = run(900, 199, 1001);
    c.creation = run(300, 200, 1000);
    const rows = goalsOf({ configs: [c] });
    expect(find(rows, 'memory', 'transitions/s')).toMatchObject({ measured: 199, reference: 400, ratio: 0.5, met: false });
    expect(find(rows, 'memory', 'transition p99')).toMatchObject({ measured: 1001, reference: null, ratio: null, met: false });
    expect(find(rows, 'memory', 'creations/s')).toMatchObject({ ratio: 0.5, met: true });
    expect(find(rows, 'memory', 'creation p99')).toMatchObject({ measured: 1000, met: true });
  });

  it('wants offer transitions within 10 % of the application’s', () => {
    const c = good('start');
    c.offers!.submit_c1!.p50 = 16.6; // application warm p50 15: ×1.107
    c.offers!.approve_c1!.p50 = 16.5; // ×1.1
    c.offers!.submit_c32!.perSecond = 272; // application 300/s: 300 / 1.1 = 272.7
    c.offers!.approve_c32!.perSecond = 273;
    const rows = goalsOf({ configs: [c] });
    expect(find(rows, 'start', 'offer submit p50').met).toBe(false);
    expect(find(rows, 'start', 'offer approve p50').met).toBe(true);
    expect(find(rows, 'start', 'offer submits/s')).toMatchObject({ reference: 300, met: false, limit: '≥ ÷1.1' });
    expect(find(rows, 'start', 'offer approves/s').met).toBe(true);
    // Taken in turn with the application's validate, the offers at 1 are held to that one (here 16: both within ×1.1).
    c.offers!.interleaved = { blocks: 10, submit: c.offers!.submit_c1, approve: c.offers!.approve_c1, validate: run(16, 55) };
    const inTurn = goalsOf({ configs: [c] });
    expect(find(inTurn, 'start', 'offer submit p50')).toMatchObject({ reference: 16, referenceLabel: 'application p50, c1, warm, interleaved', ratio: 1.04, met: true });
    // The figure at 32 keeps the transitions' run as its reference.
    expect(find(inTurn, 'start', 'offer submits/s')).toMatchObject({ reference: 300 });
    c.offers!.interleaved.validate = run(16, 55, 32, 2);
    expect(find(goalsOf({ configs: [c] }), 'start', 'errors in the runs above')).toMatchObject({ measured: 2, met: false });
  });

  it('holds the offers at 32 to the validate taken in turn with them, when the run has it', () => {
    const c = good('start');
    c.offers!.submit_c32!.perSecond = 272; // the transitions' run 300/s: ÷1.103
    c.offers!.interleaved32 = { blocks: 4, submit: c.offers!.submit_c32, approve: c.offers!.approve_c32, validate: run(150, 280) };
    const rows = goalsOf({ configs: [c] });
    expect(find(rows, 'start', 'offer submits/s')).toMatchObject({ reference: 280, referenceLabel: 'application transitions/s, c32, interleaved', ratio: 0.97, met: true });
    expect(find(rows, 'start', 'offer approves/s')).toMatchObject({ reference: 280, met: true });
    // Its errors are counted with the others'.
    c.offers!.interleaved32.validate = run(150, 280, 300, 3);
    expect(find(goalsOf({ configs: [c] }), 'start', 'errors in the runs above')).toMatchObject({ measured: 3, met: false });
  });

  it('wants a click while notices go out within ×1.5 of an idle one', () => {
    const c = good('start');
    c.busy!.busy!.p50 = 22.6; // idle 15
    expect(find(goalsOf({ configs: [c] }), 'start', 'transition p50 while notices')).toMatchObject({ reference: 15, ratio: 1.51, met: false });
  });

  it('sums the CPU of every process against the floor’s worker, client and server', () => {
    const c = good('start');
    expect(cpuTotal(c.transitions!.workflow_warm_c1!.cpuMsPerOp)).toBe(23);
    c.transitions!.workflow_warm_c1!.cpuMsPerOp!.worker = 10.5; // 25.5 against 10
    expect(find(goalsOf({ configs: [c] }), 'start', 'CPU per transition')).toMatchObject({ measured: 25.5, reference: 10, ratio: 2.55, met: false });
  });

  it('counts the errors of every goal measurement', () => {
    const c = good('start');
    c.offers!.approve_c32 = run(150, 280, 300, 2);
    c.floor!.cold_c1 = run(20, 45, 40, 1);
    expect(find(goalsOf({ configs: [c] }), 'start', 'errors')).toMatchObject({ measured: 3, met: false });
  });

  it('holds start within ×1.3 of the best configuration, lower or higher being better', () => {
    // start: p50 ×1.4 the memory's, a third less throughput; memory is the best on each figure.
    const rows = goalsOf({ configs: [good('start', 1.4), good('memory')] });
    const across = rows.filter((r) => r.configuration === 'start vs best');
    expect(across.map((r) => [r.goal, r.referenceLabel, r.ratio, r.met])).toEqual([
      ['transition p50, concurrency 1, warm', 'best: memory', 1.4, false],
      ['transitions/s, concurrency 32', 'best: memory', 0.71, false],
      ['creations/s, concurrency 32', 'best: memory', 0.71, false],
      ['CPU per transition, all processes, c1, warm', 'best: start', 1, true], // a tie
    ]);
    // start the best: compared with itself.
    const self = goalsOf({ configs: [good('start'), good('memory', 1.2)] }).filter((r) => r.configuration === 'start vs best');
    expect(self.every((r) => r.referenceLabel === 'best: start' && r.ratio === 1 && r.met)).toBe(true);
  });

  it('leaves out what a run did not measure (--only, a single configuration)', () => {
    const rows = goalsOf({ configs: [{ name: 'start', floor: good('start').floor }] });
    expect(rows.map((r) => r.goal)).toEqual(['errors in the runs above']);
    expect(goalsOf({ configs: [good('memory')] }).some((r) => r.configuration === 'start vs best')).toBe(false);
    expect(goalsOf({})).toEqual([]);
  });

  it('bounds a goal by the command shape alone: the ladder\'s top against the floor, ours against it', () => {
    const shaped = good('start');
    shaped.floor!.ladder_local_sa_activity = { ...run(21, 45), cpuMsPerOp: { temporal: 15, workerAndClient: 10 } };
    const [p50, cpu] = boundsOf({ configs: [shaped] });
    // The shape alone is past ×2 the floor's p50 (21 against 10): no change of ours meets that goal here.
    expect(p50).toMatchObject({ configuration: 'start', what: 'p50, concurrency 1, warm', floor: 10, shape: 21, shapeRatio: 2.1 });
    // Latency: the shape and the SQL baseline's request one after the other (21 + 3); ours against that.
    expect(p50).toMatchObject({ least: 24, leastRatio: 2.4, limit: '≤ ×2', reachable: false, ours: 15, oursRatio: 0.63, oursAgainst: 'least' });
    // CPU: the baseline's CPU and the mails were not measured, so no least is claimed; ours against the shape.
    expect(cpu).toMatchObject({ floor: 10, shape: 25, shapeRatio: 2.5, least: null, reachable: null, ours: 23, oursRatio: 0.92, oursAgainst: 'shape' });
    // The shape since the notice queue (a second local activity after the answer) is the top when measured.
    shaped.floor!.ladder_local_sa_queued = { ...run(14, 30), cpuMsPerOp: { temporal: 9, workerAndClient: 8 } };
    expect(boundsOf({ configs: [shaped] })[0]).toMatchObject({ shape: 14, shapeRatio: 1.4 });
    // A transition's shape as the run names it (since 'notice-with-event': no local activity after the answer) wins over the ladder's top.
    shaped.floor!.ladder_transition = { ...run(12, 30), cpuMsPerOp: { temporal: 7, workerAndClient: 7 } };
    expect(boundsOf({ configs: [shaped] })[0]).toMatchObject({ shape: 12, shapeRatio: 1.2 });
    // Without the ladder (an older report, --only=transitions), no bound is claimed.
    expect(boundsOf({ configs: [good('start')] })).toEqual([]);
  });

  it('bounds the cold p50 by the transition\'s shape replayed on a worker without cache, against the floor\'s cold', () => {
    const c = good('start');
    c.floor!.ladder_transition = { ...run(12, 30), cpuMsPerOp: { temporal: 7, workerAndClient: 7 } };
    expect(boundsOf({ configs: [c] }).map((b) => b.what)).not.toContain('p50, concurrency 1, cold');
    c.floor!.ladder_transition_cold = run(19, 50);
    const cold = boundsOf({ configs: [c] }).find((b) => b.what === 'p50, concurrency 1, cold');
    // The floor's cold p50 is 20; the cold shape 19 plus the SQL baseline's 3 (nothing of it is replayed):
    // 22, ×1.1, within ×2; ours (30) ×1.36 of it.
    expect(cold).toMatchObject({ floor: 20, shape: 19, shapeRatio: 0.95, least: 22, leastRatio: 1.1, leastParts: 'cold shape + SQL baseline', reachable: true, ours: 30, oursRatio: 1.36 });
    c.floor!.ladder_transition_cold = run(39, 50);
    expect(boundsOf({ configs: [c] }).find((b) => b.what === 'p50, concurrency 1, cold')).toMatchObject({ least: 42, leastRatio: 2.1, reachable: false });
  });

  it('reads the warm goals at concurrency 1 and their bounds from the interleaved run when it has all four kinds', () => {
    const c = good('start');
    c.floor!.ladder_transition = { ...run(12, 30), cpuMsPerOp: { temporal: 7, workerAndClient: 7 } };
    c.floor!.mail = { ...run(2, 400), cpuMsPerOp: { sender: 1.5, smtp: 0.5 } };
    c.transitions!.baseline_c1 = { ...run(3, 300), cpuMsPerOp: { api: 3, postgres: 2 } };
    c.transitions!.workflow_warm_c1 = { ...c.transitions!.workflow_warm_c1!, mailsPerOp: 2 };
    // Measured in turn on a slower stretch: every figure higher, the floor too.
    c.interleaved = {
      blocks: 10,
      floor: { ...run(16, 60), cpuMsPerOp: { temporal: 8, workerAndClient: 8 } },
      shape: { ...run(20, 50), cpuMsPerOp: { temporal: 10, workerAndClient: 10 } },
      baseline: { ...run(6, 150), cpuMsPerOp: { api: 4, postgres: 3 } },
      ours: { ...run(30, 30), cpuMsPerOp: { worker: 20, temporal: 12, api: 6, postgres: 4 } },
    };
    const rows = goalsOf({ configs: [c] });
    expect(find(rows, 'start', 'transition p50, concurrency 1, warm')).toMatchObject({ measured: 30, reference: 16, ratio: 1.88, referenceLabel: 'floor p50, c1, warm, interleaved', met: true });
    expect(find(rows, 'start', 'CPU per transition')).toMatchObject({ measured: 42, reference: 16, ratio: 2.63, met: false });
    const [p50, cpu] = boundsOf({ configs: [c] });
    // The shape (20) and the baseline (6) of the same interleaved run against its floor (16): ×1.63.
    expect(p50).toMatchObject({ what: 'p50, concurrency 1, warm, interleaved', floor: 16, shape: 20, least: 26, leastRatio: 1.63, reachable: true, ours: 30, oursRatio: 1.15 });
    // CPU: 20 + 7 + the notice's 2 mails (2 each, measured apart) = 31 against 16: ×1.94.
    expect(cpu).toMatchObject({ what: 'CPU per operation, all processes, c1, warm, interleaved', floor: 16, shape: 20, least: 31, leastRatio: 1.94, ours: 42 });
    // An interleaved run missing a kind (an older shape of the report) leaves the separate runs in charge.
    delete c.interleaved.baseline;
    expect(find(goalsOf({ configs: [c] }), 'start', 'transition p50, concurrency 1, warm')).toMatchObject({ measured: 15, reference: 10, referenceLabel: 'floor p50, c1, warm' });
    expect(boundsOf({ configs: [c] })[0]).toMatchObject({ what: 'p50, concurrency 1, warm', floor: 10, shape: 12, least: 15 });
  });

  it('reads the cold goal and its bound from the interleaved cold run when it has all four kinds', () => {
    const c = good('start');
    c.floor!.ladder_transition = { ...run(12, 30), cpuMsPerOp: { temporal: 7, workerAndClient: 7 } };
    c.floor!.ladder_transition_cold = run(19, 50);
    // The separate runs: ours 30 against the floor's cold 20, the least 19 + 3.
    expect(find(goalsOf({ configs: [c] }), 'start', 'transition p50, concurrency 1, cold')).toMatchObject({ measured: 30, reference: 20, referenceLabel: 'floor p50, c1, cold' });
    // Taken in turn on a slower stretch: the floor's cold 25, the cold shape 40, the baseline 6, ours 70.
    c.interleaved = {
      blocks: 10,
      cold: { blocks: 10, floor: run(25, 40), shape: run(40, 25), baseline: run(6, 150), ours: run(70, 14) },
    };
    expect(find(goalsOf({ configs: [c] }), 'start', 'transition p50, concurrency 1, cold')).toMatchObject({ measured: 70, reference: 25, ratio: 2.8, referenceLabel: 'floor p50, c1, cold, interleaved', met: false });
    // The warm ones keep the separate runs: the warm interleaved run has none of its kinds.
    expect(find(goalsOf({ configs: [c] }), 'start', 'transition p50, concurrency 1, warm')).toMatchObject({ referenceLabel: 'floor p50, c1, warm' });
    const cold = boundsOf({ configs: [c] }).find((b) => b.what.startsWith('p50, concurrency 1, cold'));
    // 40 + 6 against 25: ×1.84, within ×2; ours ×1.52 of it.
    expect(cold).toMatchObject({ what: 'p50, concurrency 1, cold, interleaved', floor: 25, shape: 40, least: 46, leastRatio: 1.84, reachable: true, ours: 70, oursRatio: 1.52 });
    // An error in any interleaved block is an error of the runs.
    c.interleaved.cold!.ours = run(70, 14, 140, 1);
    expect(find(goalsOf({ configs: [c] }), 'start', 'errors in the runs above')).toMatchObject({ measured: 1, met: false });
    // The bench copies that run into the cold run's place: its error is still counted once.
    c.transitions!.workflow_cold_c1 = { ...c.interleaved.cold!.ours, interleaved: true };
    expect(find(goalsOf({ configs: [c] }), 'start', 'errors in the runs above')).toMatchObject({ measured: 1, met: false });
  });

  it('adds up the least a transition costs: the shape, the SQL baseline and its notice\'s mails', () => {
    const c = good('memory');
    c.cores = 2;
    c.floor!.ladder_transition = { ...run(9, 100), cpuMsPerOp: { temporal: 6, workerAndClient: 7 } };
    c.floor!.ladder_transition_c32 = { ...run(200, 160, 400), cpuMsPerOp: { temporal: 4, workerAndClient: 4 } };
    c.floor!.mail = { ...run(2, 400), cpuMsPerOp: { sender: 1.5, smtp: 0.5 } };
    c.transitions!.baseline_c1 = { ...run(3, 300), cpuMsPerOp: { api: 3, postgres: 2, bench: 1 } };
    c.transitions!.baseline_c32 = { ...run(40, 800), cpuMsPerOp: { api: 1, postgres: 1 } };
    c.floor!.mail_c4 = { ...run(3, 1000), cpuMsPerOp: { worker: 0.3, smtp: 0.2 } };
    c.transitions!.workflow_warm_c1 = { ...c.transitions!.workflow_warm_c1!, mailsPerOp: 3 };
    const [p50, cpu, throughput, p99] = boundsOf({ configs: [c] });
    // 9 + 3 ms against the floor's 10: ×1.2, within ×2; ours (15) ×1.25 of it.
    expect(p50).toMatchObject({ least: 12, leastRatio: 1.2, reachable: true, ours: 15, oursRatio: 1.25 });
    // 13 (shape) + 6 (baseline) + 3 mails × 2 = 25 ms against the floor's 10: ×2.5, just within; ours 23.
    expect(cpu).toMatchObject({ shape: 13, least: 25, leastRatio: 2.5, limit: '≤ ×2.5', reachable: true, leastParts: 'shape + SQL baseline + 3 mails', ours: 23, oursRatio: 0.92 });
    // At 32: 2 cores (2,000 ms/s) over 8 (shape) + 2 (baseline) + 3 mails × 0.5 (four at a time) = 11.5 ms:
    // at most 173.9/s, ×0.43 of the floor's 400: out of reach; ours (300/s, an invented figure) above it.
    expect(throughput).toMatchObject({ what: 'transitions/s, concurrency 32', floor: 400, shape: 160, shapeRatio: 0.4, least: 173.9, leastRatio: 0.43, limit: '≥ ×0.5', reachable: false, ours: 300, oursRatio: 1.73 });
    // Its p99: 32 clients at 173.9/s wait 184 ms on average, under the 1 s limit; ours (600) against that.
    expect(p99).toMatchObject({ floor: 120, shape: 400, least: 184, limit: '≤ 1000 ms', reachable: true, ours: 600, oursRatio: 3.26 });
    // With the shape's own tail at 32 (p99 400 ms against a mean of 32 ÷ 160/s = 200 ms: ×2), an estimate beside the bound.
    expect(p99!.leastParts).toBe('32 ÷ the most /s; at the shape\'s p99 / mean (×2): 368 ms');
    // Were the mails free four at a time: 10 ms, 200/s, ×0.5: just within.
    c.floor!.mail_c4 = { ...run(3, 1000), cpuMsPerOp: { worker: 0, smtp: 0 } };
    expect(boundsOf({ configs: [c] })[2]).toMatchObject({ least: 200, leastRatio: 0.5, reachable: true });
    // A creation: Temporal's start of its shape (6 ms), the SQL baseline's creation (3 ms) and 2 mails
    // four at a time (0 here): 2,000 / 9 = 222.2/s at most, ×0.56 of the floor: within reach; the mean
    // wait of 32 clients at that rate, 144 ms.
    c.floor!.created_c32 = { ...run(100, 300, 250), cpuMsPerOp: { temporal: 4, workerAndClient: 2 } };
    c.transitions!.baseline_creation_c32 = { ...run(60, 500), cpuMsPerOp: { api: 2, postgres: 1 } };
    c.creation = { ...c.creation!, mailsPerOp: 2 };
    const creations = boundsOf({ configs: [c] }).filter((b) => b.what.startsWith('creations'));
    expect(creations).toMatchObject([
      { what: 'creations/s, concurrency 32', shape: 300, shapeRatio: 0.75, least: 222.2, leastRatio: 0.56, reachable: true, ours: 250, oursRatio: 1.13 },
      { what: 'creations p99, concurrency 32 (least: the mean at the most /s)', shape: 250, least: 144, reachable: true, ours: 700 },
    ]);
    // A mail with its outbox row (the platform's mailer), when measured, is what the least counts: the
    // product promises mails never lost nor sent twice. 13 + 6 + 3 × 3 = 28 against 10: ×2.8, out of reach.
    c.floor!.mail_outbox = { ...run(3, 300), cpuMsPerOp: { worker: 1.5, smtp: 0.5, postgres: 1 } };
    c.floor!.mail_outbox_c4 = { ...run(4, 800), cpuMsPerOp: { worker: 0.5, smtp: 0.2, postgres: 0.3 } };
    const outboxed = boundsOf({ configs: [c] });
    expect(outboxed[1]).toMatchObject({ least: 28, leastRatio: 2.8, reachable: false, leastParts: 'shape + SQL baseline + 3 mails with their outbox rows' });
    // At 32: 8 + 2 + 3 × 1 = 13 ms, 153.8/s at most.
    expect(outboxed[2]).toMatchObject({ least: 153.8, leastParts: '2 cores ÷ CPU of shape + SQL baseline + 3 mails with their outbox rows at 32' });
    // Run rather than reckoned (measureLeast32): the run's throughput and p99 are the bounds at 32, the
    // reckoning beside them. Its p99 over a second: out of reach, whatever its mean says.
    c.transitions!.least_c32 = { ...run(500, 60, 1100) };
    const ran = boundsOf({ configs: [c] }).filter((b) => b.what.startsWith('transitions'));
    expect(ran).toMatchObject([
      { what: 'transitions/s, concurrency 32', least: 60, leastRatio: 0.15, reachable: false, ours: 300, oursRatio: 5 },
      { what: 'transitions p99, concurrency 32 (least: run)', least: 1100, reachable: false, ours: 600, oursRatio: 0.55 },
    ]);
    expect(ran[1]!.leastParts).toBe(
      "run: 32 clients, each the shape then the SQL click, 3 mails with their outbox rows told beside (reckoned: mean 208 ms; at the shape's p99 / mean (×2): 416 ms)",
    );
    expect(ran[0]!.leastParts).toContain('(reckoned: 153.8/s)');
    // A run with errors bounds nothing: the reckoning again.
    c.transitions!.least_c32 = { ...run(500, 60, 1100, 1) };
    expect(boundsOf({ configs: [c] })[2]).toMatchObject({ least: 153.8 });
    // Its errors count with the others'.
    expect(goalsOf({ configs: [c] }).find((r) => r.goal === 'errors in the runs above')).toMatchObject({ measured: 1, met: false });
    delete c.transitions!.least_c32;
    // The mails are counted per transition: with none measured, the CPU's least is not claimed.
    delete c.transitions!.workflow_warm_c1!.mailsPerOp;
    expect(boundsOf({ configs: [c] })[1]).toMatchObject({ least: null, reachable: null });
  });
});
