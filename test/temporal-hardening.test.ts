// Temporal is no back door (issue « Hardening », items 1 and 2): whoever reaches Temporal without the
// API's secret cannot act as anybody, and reads no personal data in the histories; an operator signed
// in to the back office as an ADMIN still reads them through the codec endpoint.
import { randomUUID } from 'node:crypto';
import { Client, Connection, WorkflowFailedError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure, type Payload } from '@temporalio/common';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { connectTemporal, ENCRYPTED_ENCODING, payloadToJson, sealingInterceptor } from '../config/temporal.js';
import { transitionUpdate } from '../workflows/process.js';
import type { RequestBase } from '../workflows/process-rules.js';
import { workflowIdOf } from '../workflows/processes.js';
import { AdminSession } from './admin-support.js';
import { act, eventsOf, reach, rowOf, startApplication, workflowHistoryOf, type HistoryEvent } from './drivers.js';
import { createCast, type Cast } from './fixtures.js';
import { ApiClient, apiUrl, eventually, platformConfig, sql, temporalClient } from './support.js';

let cast: Cast;
/** Reaches Temporal as an intruder would: no seal, no payload key (it can still send payloads in clear). */
let intruder: Client;
/** Has the payload key (to read the refusals), not the seal's secret: sends unsealed actions. */
let unsealed: Client;
/** Seals with a secret of its own: a forged seal. */
let forger: Client;

beforeAll(async () => {
  cast = await createCast();
  const connection = await Connection.connect({ address: inject('temporalAddress') });
  intruder = new Client({ connection, namespace: inject('temporalNamespace') });
  const config = platformConfig();
  unsealed = await connectTemporal(config, inject('temporalAddress'), { seal: false });
  forger = await connectTemporal({ ...config, ACTOR_SIGNING_SECRET: 'a-secret-that-is-not-the-platforms-0123456789' }, inject('temporalAddress'));
});
afterAll(async () => {
  await Promise.all([intruder, unsealed, forger].map((client) => client?.connection.close()));
});

const refusalOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(WorkflowUpdateFailedError);
  const cause = (error as WorkflowUpdateFailedError).cause;
  expect(cause).toBeInstanceOf(ApplicationFailure);
  return cause as ApplicationFailure;
};

describe('actions reaching Temporal without the API', () => {
  it('refuses an Update claiming to be an admin, unsealed or with a forged seal; the API’s own goes through', async () => {
    const offer = await reach('offer', 'PENDING_MODERATION', cast);
    const claimed: RequestBase<string> = { action: 'approve', actor: { id: cast.admin.id, role: 'ADMIN', name: 'Admin Test' } };
    for (const client of [unsealed, forger]) {
      const refusal = await refusalOf(client.workflow.getHandle(offer.workflowId).executeUpdate(transitionUpdate, { args: [claimed] }));
      expect(refusal.type).toBe('FORBIDDEN');
      expect(refusal.message).toMatch(/ne vient pas de la plateforme/);
    }
    // A seal copied from another Update does not fit this one either (other arguments).
    expect((await rowOf('offer', offer.id)).status).toBe('PENDING_MODERATION');
    expect((await eventsOf('offer', offer.id)).map((e) => e.type)).not.toContain('approve');
    // The same action, through the API as the admin: approved.
    await act('offer', cast.admin, offer.id, { action: 'approve' }, 'PUBLISHED');
  });

  it('refuses an Update whose seal is older than its lifetime, even with the right secret', async () => {
    const offer = await reach('offer', 'PENDING_MODERATION', cast);
    const config = platformConfig();
    const stale = new Client({
      connection: unsealed.connection,
      namespace: inject('temporalNamespace'),
      dataConverter: unsealed.options.dataConverter,
      interceptors: { workflow: [sealingInterceptor(config.ACTOR_SIGNING_SECRET, () => Date.now() - 11 * 60_000)] },
    });
    const refusal = await refusalOf(stale.workflow.getHandle(offer.workflowId).executeUpdate(transitionUpdate, { args: [{ action: 'approve', actor: { id: cast.admin.id, role: 'ADMIN' } } satisfies RequestBase<string>] }));
    expect(refusal.details?.[0]).toEqual({ reason: 'expired' });
  });

  it('fails a workflow started without the API: nothing is written, nobody is told', async () => {
    const application = randomUUID();
    const candidate = cast.candidate;
    const input = {
      applicationId: application,
      parties: { candidateId: candidate.id, companyId: cast.company.id, referentId: cast.referent.id, missionOfficerId: cast.missionOfficer.id },
      createdBy: { id: candidate.id, role: 'CANDIDATE' },
      createdAt: new Date().toISOString(),
      offerId: cast.company.offerId,
      message: 'Candidature forgée',
      screeningAnswer: null,
      cvDocumentId: null,
    };
    const handle = await intruder.workflow.start('applicationWorkflow', { workflowId: workflowIdOf('application', application), taskQueue: inject('taskQueue'), args: [input] });
    // The intruder cannot even read why (the failure's details are encrypted); the platform can.
    await expect(handle.result()).rejects.toThrow(/Unknown encoding: binary\/encrypted/);
    const failure = await unsealed.workflow.getHandle(handle.workflowId).result().then(() => null, (e: unknown) => e);
    expect(failure).toBeInstanceOf(WorkflowFailedError);
    expect(((failure as WorkflowFailedError).cause as ApplicationFailure).type).toBe('FORBIDDEN');
    expect(await sql('SELECT 1 FROM applications WHERE id = $1', [application])).toHaveLength(0);
    // The refusal is recorded (a patch marker) and replays as it ran, whatever the keys are by then.
    const history = await unsealed.workflow.getHandle(handle.workflowId).fetchHistory();
    expect(JSON.stringify(history)).toContain(Buffer.from(JSON.stringify({ id: 'forged-start-refused', deprecated: false })).toString('base64').slice(0, 24));
    await Worker.runReplayHistory({ workflowBundle: { codePath: inject('workflowBundlePath') }, dataConverter: unsealed.options.dataConverter }, history, handle.workflowId);
  });
});

/** Every payload of a history: inputs, Update arguments and results, activity inputs and results. */
function payloadsOf(events: HistoryEvent[]): Payload[] {
  const found: Payload[] = [];
  const walk = (value: unknown) => {
    if (!value || typeof value !== 'object') return;
    if (Array.isArray(value)) return value.forEach(walk);
    const record = value as Record<string, unknown>;
    // Markers: the patch ids and local activity bookkeeping core writes itself; only a local activity's result is ours.
    if (typeof record.markerName === 'string') return walk((record.details as Record<string, unknown> | undefined)?.result);
    if (Array.isArray(record.payloads)) found.push(...(record.payloads as Payload[]));
    for (const [key, child] of Object.entries(record)) if (key !== 'payloads' && key !== 'header' && key !== 'searchAttributes') walk(child);
  };
  walk(events);
  return found;
}

describe('personal data in Temporal', () => {
  const secret = `Fauteuil roulant, RQTH ${randomUUID().slice(0, 8)}`;
  let workflowId: string;
  let raw: HistoryEvent[];

  beforeAll(async () => {
    const started = await startApplication(cast, { message: secret });
    workflowId = started.workflowId;
    await act('application', cast.referent, started.id, { action: 'validate' }, 'PENDING_RECRUITER');
    // Read as an intruder reads it: no key.
    raw = (await intruder.workflow.getHandle(workflowId).fetchHistory()).events ?? [];
  });

  it('keeps inputs, Update arguments, results and activity payloads as ciphertext in the history', () => {
    const payloads = payloadsOf(raw);
    // The start's input, the creation's and the validation's writes (local activities' results), the Update's argument and result.
    expect(payloads.length).toBeGreaterThanOrEqual(5);
    for (const payload of payloads) {
      const encoding = Buffer.from(payload.metadata?.encoding ?? []).toString();
      expect(encoding, Buffer.from(payload.data ?? []).toString().slice(0, 200)).toBe(ENCRYPTED_ENCODING);
    }
    const everything = JSON.stringify(raw);
    expect(everything).not.toContain(Buffer.from(secret).toString('base64').slice(0, 16));
    expect(Buffer.from(JSON.stringify(raw)).includes('Fauteuil')).toBe(false);
    // Search attributes stay readable: operators still find the case.
    const started = raw[0]!.workflowExecutionStartedEventAttributes!;
    expect(Object.keys(started.searchAttributes?.indexedFields ?? {})).toContain('ApplicationStatus');
  });

  it('is read in clear by the platform (worker and API) and through the codec endpoint by a signed-in admin only', async () => {
    // The platform's own client decodes it.
    const platform = await temporalClient();
    const [decoded] = await platform.options.loadedDataConverter.payloadCodecs[0]!.decode(raw[0]!.workflowExecutionStartedEventAttributes!.input!.payloads! as Payload[]);
    expect(JSON.parse(Buffer.from(decoded!.data!).toString()).message).toBe(secret);
    const started = raw[0]!.workflowExecutionStartedEventAttributes!.input!.payloads!;
    const body = { payloads: (started as Payload[]).map(payloadToJson) };
    const endpoint = `${apiUrl()}/admin/temporal-codec/decode`;
    const ui = platformConfig().TEMPORAL_UI_URL;
    const post = (cookie?: string, origin = ui) =>
      fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', origin, 'x-namespace': inject('temporalNamespace'), ...(cookie ? { cookie } : {}) }, body: JSON.stringify(body) });

    // Nobody signed in; a candidate or recruiter signed in to the web app: refused.
    expect((await post()).status).toBe(401);
    const recruiter = await ApiClient.login(cast.recruiter.email);
    expect((await post(recruiter.cookie)).status).toBe(401);
    // The admin signed in to the back office: the payload in clear.
    const admin = await AdminSession.as(cast.admin.email);
    const answer = await post(admin.cookie);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('access-control-allow-origin')).toBe(new URL(ui).origin);
    expect(answer.headers.get('access-control-allow-credentials')).toBe('true');
    const [input] = (await answer.json()).payloads as Array<{ metadata: Record<string, string>; data: string }>;
    expect(Buffer.from(input!.metadata.encoding!, 'base64').toString()).toBe('json/plain');
    expect(JSON.parse(Buffer.from(input!.data, 'base64').toString()).message).toBe(secret);
    // Another namespace, a broken body: clear refusals.
    const other = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', 'x-namespace': 'someone-else', cookie: admin.cookie }, body: JSON.stringify(body) });
    expect(other.status).toBe(403);
    const broken = await fetch(endpoint, { method: 'POST', headers: { 'content-type': 'application/json', cookie: admin.cookie }, body: '{"payloads": [' });
    expect(broken.status).toBe(400);
    // The browser's preflight: only the Temporal UI's origin is allowed.
    const preflight = (origin: string) => fetch(endpoint, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type,x-namespace' } });
    expect((await preflight(ui)).headers.get('access-control-allow-origin')).toBe(new URL(ui).origin);
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });

  it('still answers the snapshot query and describes the case for operators', async () => {
    const snapshot = await eventually(async () => (await temporalClient()).workflow.getHandle(workflowId).query<{ status: string }>('snapshot'));
    expect(snapshot.status).toBe('PENDING_RECRUITER');
  });
});
