// The vocabulary of workflows/glossary.ts and README « Vocabulaire »: « de » elided before a vowel or a
// mute h, and the forms given up (generic masculine about a person of unknown gender, « (e) »,
// « Embauche favorable », « rendez-vous » for an interview, « de ${name} » written by hand, a screening
// question about health) found nowhere in what people read: the web app, mails and notifications, the
// API's messages, the back office, the rules' labels and the demo data.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applicationRules } from '../../workflows/application-rules.js';
import { OUTCOME, de, elides } from '../../workflows/glossary.js';

describe('« de » before a name', () => {
  it('elides before a vowel, accented or not, and before a mute h', () => {
    expect(de('Atelier Inclusif (démo)')).toBe('d’Atelier Inclusif (démo)');
    expect(de('Élodie Martin')).toBe('d’Élodie Martin');
    expect(de('Inès Roy')).toBe('d’Inès Roy');
    expect(de('Hélène Roy')).toBe('d’Hélène Roy');
    expect(de('Hôtel Dieu Services')).toBe('d’Hôtel Dieu Services');
    expect(de('Yves Durand')).toBe('d’Yves Durand');
    expect(de('EDF')).toBe('d’EDF');
    expect(de('  Orange ')).toBe('d’Orange');
  });

  it('stays whole before a consonant, an aspirated h, an y before a vowel, a digit or a quote', () => {
    expect(de('Société Martin')).toBe('de Société Martin');
    expect(de('Camille Candidate')).toBe('de Camille Candidate');
    expect(de('Hauts-de-France Emploi')).toBe('de Hauts-de-France Emploi');
    expect(de('Handicap Services')).toBe('de Handicap Services');
    expect(de('Yann Le Goff')).toBe('de Yann Le Goff');
    expect(de('3M France')).toBe('de 3M France');
    expect(de('« Alpha »')).toBe('de « Alpha »');
    expect(elides('')).toBe(false);
  });
});

describe('outcomes read alike in the state, the button and the history', () => {
  it('the states of the rules are the glossary’s', () => {
    expect(applicationRules.statusLabel.HIRED).toBe(OUTCOME.hired.state);
    expect(applicationRules.statusLabel.NOT_HIRED).toBe(OUTCOME.notHired.state);
  });
});

const ROOT = path.resolve(__dirname, '../..');
/** What people read is written in these folders (and the demo data). */
const SOURCES = ['web/src', 'activities', 'admin', 'api', 'workflows'];

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full);
    return /\.(ts|tsx)$/.test(name) ? [full] : [];
  });
}

// The glossary itself names the forms it gave up.
const files = [...SOURCES.flatMap((dir) => filesUnder(path.join(ROOT, dir))), path.join(ROOT, 'models/seed.ts')].filter((file) => !file.endsWith('workflows/glossary.ts'));

/** The forms given up, each with what replaces it (README « Vocabulaire »). */
const GIVEN_UP: Array<{ form: RegExp; instead: string }> = [
  { form: /\p{Ll}\((e|ne|es)\)[\s.,;:!?'’`]/u, instead: 'a sentence without agreement (« La suite vous sera communiquée »), not « informé(e) »' },
  { form: /\b(est|sont|êtes|soit) (invité|recruté|prévenu|retenu)\b/, instead: 'an epicene sentence (« Invitation envoyée à Léa Collègue »)' },
  { form: /\b[Ll]e candidat (est|n’est)\b/, instead: '« la personne candidate », her name, or the application as subject' },
  { form: /Embauche (non )?favorable|\bRecrutée\b/, instead: 'OUTCOME of workflows/glossary.ts (« Recruter », « retenue : recrutement »)' },
  { form: /(?<![/\w-])[Rr]endez-vous\b/, instead: '« entretien » (the addresses /…/rendez-vous stay)' },
  // A number or a quoted value after « de » is fine; a name goes through de().
  { form: /\bde \$\{(?!MAX_|quoted\()/, instead: 'de(name) of workflows/glossary.ts (« d’Atelier »)' },
  { form: /\bde [AEIOUÉÈÊÂÎÔ][a-zé]/, instead: '« d’ » before a vowel' },
];

describe('the forms given up are found nowhere', () => {
  it.each(GIVEN_UP)('$form', ({ form, instead }) => {
    const found = files.flatMap((file) =>
      readFileSync(file, 'utf8')
        .split('\n')
        .map((line, i) => ({ at: `${path.relative(ROOT, file)}:${i + 1}`, line: line.trim() }))
        .filter(({ line }) => form.test(line)),
    );
    expect(found, `instead: ${instead}`).toEqual([]);
  });

  it('the demo offer’s screening question asks nothing about health or disability', () => {
    const seed = readFileSync(path.join(ROOT, 'models/seed.ts'), 'utf8');
    const questions = [...seed.matchAll(/screeningQuestion: '([^']*)'/g)].map((m) => m[1]!);
    expect(questions.length).toBeGreaterThan(0);
    for (const question of questions) expect(question).not.toMatch(/aménag|handicap|santé|sant[ée]|RQTH|maladie|médic|traitement|besoins? particuliers?/i);
  });
});
