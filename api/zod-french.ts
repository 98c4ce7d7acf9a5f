// zod's own messages, for every check a schema gives no message of its own: plain French reasons that
// name no code, set once for the whole API (a route never words them again). A schema's own message wins.
import { z } from 'zod';

const NUMBERS = new Set(['number', 'int', 'bigint']);

function sizeReason(issue: { origin: string; inclusive?: boolean }, bound: number | bigint | Date, more: boolean): string {
  const value = Number(bound);
  if (issue.origin === 'string') {
    if (!more && value === 1) return 'ce champ est obligatoire';
    return `${value} caractères ${more ? 'au plus' : 'au moins'}`;
  }
  if (issue.origin === 'array' || issue.origin === 'set') return `${value} élément${value > 1 ? 's' : ''} ${more ? 'au plus' : 'au moins'}`;
  if (NUMBERS.has(issue.origin)) return `${more ? 'au plus' : 'au moins'} ${value}`;
  return more ? 'valeur trop grande' : 'valeur trop petite';
}

const FORMAT: Record<string, string> = {
  email: 'adresse e-mail invalide',
  uuid: 'identifiant invalide',
  guid: 'identifiant invalide',
  datetime: 'indiquez une date et une heure',
  date: 'indiquez une date',
  time: 'indiquez une heure',
  url: 'adresse web invalide',
  base64: 'contenu de fichier illisible',
};

const TYPE: Record<string, string> = {
  string: 'texte attendu',
  number: 'nombre attendu',
  int: 'nombre entier attendu',
  boolean: 'oui ou non attendu',
  array: 'liste attendue',
  object: 'ensemble de champs attendu',
  date: 'date attendue',
};

/** The French reason of one issue of zod's own. */
export function frenchReason(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'ce champ est obligatoire' : (TYPE[issue.expected] ?? 'valeur invalide');
    case 'too_big':
      return sizeReason(issue, issue.maximum, true);
    case 'too_small':
      return sizeReason(issue, issue.minimum, false);
    case 'invalid_format':
      return FORMAT[issue.format] ?? 'format invalide';
    case 'not_multiple_of':
      return 'valeur invalide';
    case 'unrecognized_keys':
      return `champ${issue.keys.length > 1 ? 's' : ''} inconnu${issue.keys.length > 1 ? 's' : ''} : ${issue.keys.join(', ')}`;
    case 'invalid_value':
    case 'invalid_union':
    case 'invalid_key':
    case 'invalid_element':
      return 'valeur non prise en charge';
    default:
      return 'valeur invalide';
  }
}

z.config({ customError: (issue) => frenchReason(issue) });
