// The web app's pure parts, without a browser: route matching, the week of "Mes entretiens", where
// the Jitsi External API comes from for an interview's link, an application's label with its interview,
// who reads a message, and the bundle measure.
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureLoginPage } from '../scripts/measure-web.js';
import { addWeeks, byDay, localDay, mondayOf, parseDay, weekDays } from '../web/src/calendar.js';
import { jitsiTarget } from '../web/src/jitsi-join.js';
import { applicationMessageReaders } from '../web/src/readers.js';
import { frenchList } from '../workflows/glossary.js';
import { match, withQuery } from '../web/src/router.js';
import { applicationStatusLabel, stateLabel } from '../web/src/status.js';

describe('routes', () => {
  it('matches patterns with parameters, and nothing else', () => {
    expect(match('/recruteur/candidatures/:id', '/recruteur/candidatures/42')).toEqual({ id: '42' });
    expect(match('/visio/:a/:b', '/visio/x%20y/z')).toEqual({ a: 'x y', b: 'z' });
    expect(match('/recruteur/candidatures/:id', '/recruteur/candidatures')).toBeNull();
    expect(match('/recruteur/offres/:id', '/recruteur/offres/1/modifier')).toBeNull();
    expect(match('/candidat', '/candidat')).toEqual({});
  });

  it('changes some query parameters and keeps the others', () => {
    const location = { path: '/recruteur/candidatures', query: new URLSearchParams('statut=ACCEPTED&page=3') };
    expect(withQuery(location, { page: undefined, offre: 'abc' })).toBe('/recruteur/candidatures?statut=ACCEPTED&offre=abc');
    expect(withQuery(location, { statut: '', page: '' })).toBe('/recruteur/candidatures');
  });
});

describe('the week calendar', () => {
  it('starts weeks on Monday, in local time, across months and years', () => {
    expect(localDay(mondayOf(new Date(2026, 0, 1)))).toBe('2025-12-29'); // a Thursday
    expect(localDay(mondayOf(new Date(2026, 10, 22)))).toBe('2026-11-16'); // a Sunday
    expect(localDay(mondayOf(new Date(2026, 10, 23, 23, 59)))).toBe('2026-11-23'); // a Monday night
    expect(weekDays(new Date(2026, 1, 23)).map(localDay)).toEqual(['2026-02-23', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-01']);
    expect(localDay(addWeeks(new Date(2026, 11, 28), 1))).toBe('2027-01-04');
  });

  it('reads a day from the address, and refuses what is not one', () => {
    expect(localDay(parseDay('2026-03-29')!)).toBe('2026-03-29');
    expect(parseDay('29/03/2026')).toBeNull();
    expect(parseDay(null)).toBeNull();
  });

  it('groups appointments by local day, each day in time order', () => {
    const at = (d: number, h: number) => new Date(2026, 2, d, h).toISOString();
    const grouped = byDay([{ at: at(3, 15) }, { at: at(2, 9) }, { at: at(3, 8) }], (a) => a.at);
    expect([...grouped.keys()]).toEqual(['2026-03-02', '2026-03-03']);
    expect(grouped.get('2026-03-03')!.map((a) => new Date(a.at).getHours())).toEqual([8, 15]);
  });
});

describe('an application’s label', () => {
  it('follows its latest interview: proposé, confirmé, annulé, effectué', () => {
    expect(applicationStatusLabel('INTERVIEW_PROPOSED', 'PROPOSED')).toBe('Entretien proposé');
    expect(applicationStatusLabel('INTERVIEW_PROPOSED', 'CONFIRMED')).toBe('Entretien confirmé');
    expect(applicationStatusLabel('ACCEPTED', 'CANCELLED')).toBe('Acceptée, entretien annulé');
    expect(applicationStatusLabel('INTERVIEW_DONE', 'DONE')).toBe('Entretien effectué');
    expect(applicationStatusLabel('ACCEPTED', null)).toBe('Acceptée');
    expect(applicationStatusLabel('HIRED', 'DONE')).toBe('Retenue : recrutement');
    // Another time asked for the planned interview (issue #16): what the recruiter has to act on.
    expect(applicationStatusLabel('INTERVIEW_PROPOSED', 'PROPOSED', true)).toBe('Autre créneau demandé');
    expect(applicationStatusLabel('INTERVIEW_PROPOSED', 'CONFIRMED', true)).toBe('Autre créneau demandé');
    expect(applicationStatusLabel('INTERVIEW_DONE', 'DONE', true)).toBe('Entretien effectué');
    // The state alone (filters, counters, columns) holds both.
    expect(stateLabel('INTERVIEW_PROPOSED')).toBe('Entretien proposé ou confirmé');
    expect(stateLabel('PENDING_RECRUITER')).toBe('En attente du recruteur');
  });
});

describe('who reads a message', () => {
  const app = {
    status: 'PENDING_REFERENT_VALIDATION' as const,
    candidate: { id: 'c', firstName: 'Lina', lastName: 'Appel', email: 'lina@example.org', number: 101, identityHidden: false },
    referent: { id: 'r', firstName: 'Rose', lastName: 'Suivi' },
    company: { id: 'co', name: 'Menuiserie' },
    interviews: [] as never[],
  };
  it('names the readers the mails quote, the writer left out, then who else reads the history', () => {
    expect(applicationMessageReaders('withdraw', app, { id: 'c', role: 'CANDIDATE' })).toBe('Envoyé par e-mail à votre référent, Rose Suivi.');
    // Once the company has it, a withdrawal reaches it too.
    expect(applicationMessageReaders('withdraw', { ...app, status: 'ACCEPTED' }, { id: 'c', role: 'CANDIDATE' })).toBe(
      'Envoyé par e-mail à votre référent, Rose Suivi et aux recruteurs de Menuiserie.',
    );
    expect(applicationMessageReaders('reject', app, { id: 'r', role: 'REFERENT' })).toBe('Envoyé par e-mail au candidat, Lina Appel.');
    expect(applicationMessageReaders('mark_interview_done', { ...app, status: 'INTERVIEW_PROPOSED' }, { id: 'x', role: 'RECRUITER' })).toBe(
      'Envoyé par e-mail au candidat, Lina Appel. Lisible aussi dans l’historique de la candidature par son référent, Rose Suivi et les recruteurs de votre entreprise.',
    );
    expect(applicationMessageReaders('accept', { ...app, status: 'PENDING_RECRUITER', referent: null }, { id: 'x', role: 'RECRUITER' })).toBe(
      'Envoyé par e-mail au candidat, Lina Appel. Lisible aussi dans l’historique de la candidature par les recruteurs de votre entreprise.',
    );
    // A live interview: its move reaches both sides; the candidate's availabilities go to the interviewer and the référent.
    const planned = { ...app, status: 'INTERVIEW_PROPOSED' as const, interviews: [{ status: 'CONFIRMED' }] as never[] };
    expect(applicationMessageReaders('reschedule_interview', planned, { id: 'x', role: 'RECRUITER' })).toBe(
      'Envoyé par e-mail au candidat, Lina Appel, à son référent, Rose Suivi et au recruteur qui a proposé l’entretien. Lisible aussi dans l’historique de la candidature par les recruteurs de votre entreprise.',
    );
    expect(applicationMessageReaders('request_other_slot', planned, { id: 'c', role: 'CANDIDATE' })).toBe(
      'Envoyé par e-mail au recruteur de Menuiserie qui a proposé l’entretien et à votre référent, Rose Suivi. Lisible aussi dans l’historique de la candidature par les recruteurs de Menuiserie.',
    );
    expect(frenchList(['a', 'b', 'c'])).toBe('a, b et c');
  });
});

describe('joining a video interview', () => {
  it('loads the External API from the deployment of the interview’s link', () => {
    expect(jitsiTarget('https://meet.jit.si/tremplin-abc')).toEqual({ scriptUrl: 'https://meet.jit.si/external_api.js', domain: 'meet.jit.si', roomName: 'tremplin-abc' });
    expect(jitsiTarget('https://visio.example.org/jitsi/tremplin-abc?jwt=a.b.c')).toEqual({
      scriptUrl: 'https://visio.example.org/jitsi/external_api.js',
      domain: 'visio.example.org/jitsi',
      roomName: 'tremplin-abc',
      jwt: 'a.b.c',
    });
    expect(jitsiTarget('https://meet.jit.si/')).toBeNull();
    expect(jitsiTarget('javascript:alert(1)')).toBeNull();
    expect(jitsiTarget('pas une adresse')).toBeNull();
  });
});

describe('the bundle measure', () => {
  it('counts the entry and its static imports, not the chunks loaded after sign-in', () => {
    const dist = mkdtempSync(path.join(tmpdir(), 'measure-'));
    mkdirSync(path.join(dist, '.vite'));
    mkdirSync(path.join(dist, 'assets'));
    writeFileSync(path.join(dist, 'index.html'), '<script type="module" crossorigin src="/assets/index.js"></script><link rel="modulepreload" href="/assets/shared.js">');
    writeFileSync(path.join(dist, 'assets/index.js'), 'a'.repeat(1000));
    writeFileSync(path.join(dist, 'assets/shared.js'), 'b'.repeat(1000));
    writeFileSync(path.join(dist, 'assets/vendor.js'), 'c'.repeat(1000));
    writeFileSync(path.join(dist, 'assets/space.js'), 'd'.repeat(100_000));
    writeFileSync(
      path.join(dist, '.vite/manifest.json'),
      JSON.stringify({
        'index.html': { file: 'assets/index.js', isEntry: true, imports: ['_shared.js', '_vendor.js'], dynamicImports: ['src/space.tsx'] },
        '_shared.js': { file: 'assets/shared.js' },
        '_vendor.js': { file: 'assets/vendor.js' },
        'src/space.tsx': { file: 'assets/space.js', isDynamicEntry: true, imports: ['_shared.js'] },
      }),
    );
    const measure = measureLoginPage(dist);
    expect(measure.files.map((f) => f.file).sort()).toEqual(['assets/index.js', 'assets/shared.js', 'assets/vendor.js']);
    expect(measure.totalBytes).toBe(3000);
    expect(measure.lazy.map((f) => f.file)).toEqual(['assets/space.js']);
  });
});
