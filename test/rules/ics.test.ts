// A name in a calendar invitation stays a name: the .ics text of an interview, read back with a strict
// RFC 5545 reader (a quoted parameter value ends at the next double quote, whatever precedes it), has
// the organizer and each attendee with their own parameters only, their own address, and their name
// as typed once RFC 6868's ^' ^n ^^ are decoded. No server: activities/ics.ts alone.
import { describe, expect, it } from 'vitest';
import { calendarParameter, interviewIcs } from '../../activities/ics.js';
import type { InterviewView } from '../../workflows/application-rules.js';

const interview: InterviewView = {
  id: '6f1c2a4e-8b1d-4c55-9a51-2f0d7e3b9c10',
  round: 1,
  startsAt: '2026-03-02T13:30:00.000Z',
  durationMinutes: 45,
  mode: 'IN_PERSON',
  location: '12 rue de la République, Lyon',
  message: null,
  status: 'PROPOSED',
  videoRoom: null,
  videoUrl: null,
  proposedBy: 'recruiter',
  icsSequence: 0,
};

/** RFC 5545 §3.1: lines unfolded, then NAME *(";" param) ":" value, a quoted param value without DQUOTE. */
function contentLines(ics: string) {
  const lines = ics.replace(/\r\n[ \t]/g, '').split('\r\n').filter(Boolean);
  return lines.map((line) => {
    const name = /^[A-Za-z0-9-]+/.exec(line)?.[0] ?? '';
    let at = name.length;
    const params: Array<[string, string]> = [];
    while (line[at] === ';') {
      const key = /^[A-Za-z0-9-]+/.exec(line.slice(at + 1))?.[0] ?? '';
      at += 1 + key.length;
      if (line[at] !== '=') throw new Error(`parameter ${key} without "=": ${line}`);
      at += 1;
      let value: string;
      if (line[at] === '"') {
        const end = line.indexOf('"', at + 1);
        if (end < 0) throw new Error(`unterminated quoted value: ${line}`);
        value = line.slice(at + 1, end);
        at = end + 1;
      } else {
        value = /^[^";:,]*/.exec(line.slice(at))![0];
        at += value.length;
      }
      params.push([key, value]);
    }
    if (line[at] !== ':') throw new Error(`no ":" after the parameters of ${name}: ${line}`);
    return { name, params, value: line.slice(at + 1), line };
  });
}

/** RFC 6868's decoding of a parameter value. */
const decode6868 = (value: string) => value.replace(/\^(\^|n|')/g, (_m, c: string) => (c === '^' ? '^' : c === 'n' ? '\n' : '"'));

const NASTY = [
  'Eve" ;ROLE=CHAIR;X-INJECTED="1',
  'Eve":mailto:attaquant@malveillant.example;X="',
  'Mallory\r\nATTENDEE;CN=Intrus:mailto:intrus@malveillant.example',
  'Trudy\\";SENT-BY="mailto:x@malveillant.example',
  'Caret ^ et ^n et ^\' déjà là; virgule, deux-points: fin',
];

describe('names in an interview invitation (.ics)', () => {
  it('keep the organizer and every attendee to their own parameters and address, the name read back as typed', () => {
    const baseline = contentLines(interviewIcs({ interview, title: 'Entretien', organizer: { name: 'Rita Recruteuse', email: 'rita@atelier.test' }, attendees: [{ name: 'Cam Candidat', email: 'cam@candidat.test' }], method: 'REQUEST' }));
    const attendeeParams = baseline.find((l) => l.name === 'ATTENDEE')!.params.map(([k]) => k);
    const organizerParams = baseline.find((l) => l.name === 'ORGANIZER')!.params.map(([k]) => k);
    expect(organizerParams).toEqual(['CN']);

    for (const name of NASTY) {
      for (const method of ['REQUEST', 'CANCEL'] as const) {
        const ics = interviewIcs({
          interview,
          title: 'Entretien',
          organizer: { name, email: 'rita@atelier.test' },
          attendees: [{ name, email: 'cam@candidat.test' }, { name: 'Rémi Référent', email: 'remi@referent.test' }],
          method,
        });
        const lines = contentLines(ics);
        const context = `${JSON.stringify(name)} (${method})\n${ics}`;
        expect(lines.map((l) => l.name).filter((n) => !/^[A-Z][A-Z-]*$/.test(n)), context).toEqual([]);
        expect(lines.flatMap((l) => l.params.map(([k]) => k)).filter((k) => k === 'X-INJECTED' || k === 'SENT-BY' || k === 'X'), context).toEqual([]);

        const organizers = lines.filter((l) => l.name === 'ORGANIZER');
        expect(organizers, context).toHaveLength(1);
        expect(organizers[0]!.params.map(([k]) => k), context).toEqual(organizerParams);
        expect(organizers[0]!.value.toLowerCase(), context).toBe('mailto:rita@atelier.test');

        const attendees = lines.filter((l) => l.name === 'ATTENDEE');
        expect(attendees.map((a) => a.value.toLowerCase()), context).toEqual(['mailto:cam@candidat.test', 'mailto:remi@referent.test']);
        for (const attendee of attendees) expect(attendee.params.map(([k]) => k), context).toEqual(attendeeParams);

        // The name as typed (line breaks as \n, without the backslash and other control characters).
        const typed = name.replace(/\r\n/g, '\n').replace(/[\\\u0000-\u0009\u000b-\u001f]/g, '');
        expect(decode6868(organizers[0]!.params[0]![1]), context).toBe(typed);
        expect(decode6868(attendees[0]!.params.find(([k]) => k === 'CN')![1]), context).toBe(typed);
      }
    }
  });

  it('encodes per RFC 6868: ^\' for a double quote, ^n for a line break, ^^ for a caret', () => {
    expect(calendarParameter('a"b')).toBe("a^'b");
    expect(calendarParameter('a\nb\r\nc\rd')).toBe('a^nb^nc^nd');
    expect(calendarParameter('x^y')).toBe('x^^y');
    expect(calendarParameter('N’Diaye; Marie-Hélène: ok, ok')).toBe('N’Diaye; Marie-Hélène: ok, ok');
    expect(calendarParameter('a\\b\u0000\u0007c')).toBe('abc');
  });
});
