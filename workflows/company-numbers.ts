// SIREN (9 digits) and SIRET (14 digits) as the register-recruiter form checks them before anything
// starts (PRODUCT.md, « Company verification »). Pure code, shared by the API and the web app.

/** SIREN of La Poste: its establishments' SIRETs use another key (sum of the 14 digits multiple of 5). */
export const LA_POSTE_SIREN = '356000000';

/** Luhn: every second digit from the right doubled (minus 9 past 9); valid when the sum ends in 0. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

/** Spaces (also non-breaking) and dots people type in "732 829 320" or "732.829.320" are dropped. */
export const normalizeCompanyNumber = (value: string) => value.replace(/[\s.\u00a0\u202f]/g, '');

function numberProblem(label: 'SIREN' | 'SIRET', length: number, value: string): string | null {
  const digits = normalizeCompanyNumber(value);
  if (digits.length === 0) return `le numéro ${label} est obligatoire (${length} chiffres)`;
  if (!/^\d+$/.test(digits)) return `le numéro ${label} ne doit contenir que des chiffres (${length} chiffres, ex. ${label === 'SIREN' ? '732 829 320' : '732 829 320 00074'})`;
  if (digits.length !== length) {
    return `le numéro ${label} doit comporter ${length} chiffres (${digits.length} saisi${digits.length > 1 ? 's' : ''})`;
  }
  return null;
}

const KEY_HINT = 'vérifiez-le sur votre extrait Kbis, votre avis de situation Insee ou annuaire-entreprises.data.gouv.fr';

/** Why this SIREN is not valid, in French (without the field's name), or null. */
export function sirenProblem(value: string): string | null {
  const shape = numberProblem('SIREN', 9, value);
  if (shape) return shape;
  if (!luhnValid(normalizeCompanyNumber(value))) return `ce numéro SIREN n’existe pas (sa clé de contrôle est fausse) ; ${KEY_HINT}`;
  return null;
}

/**
 * Why this SIRET is not valid, or null. A SIRET is the SIREN (9 digits) followed by the establishment's
 * number (5 digits), Luhn over all 14 — except La Poste's establishments (SIREN 356000000), whose key is
 * the sum of the 14 digits being a multiple of 5 (the head office also passes Luhn).
 */
export function siretProblem(value: string): string | null {
  const shape = numberProblem('SIRET', 14, value);
  if (shape) return shape;
  const digits = normalizeCompanyNumber(value);
  const siren = digits.slice(0, 9);
  if (siren === LA_POSTE_SIREN) {
    const sum = [...digits].reduce((total, d) => total + Number(d), 0);
    if (sum % 5 === 0 || luhnValid(digits)) return null;
    return `ce numéro SIRET de La Poste n’existe pas (la somme de ses chiffres doit être un multiple de 5) ; ${KEY_HINT}`;
  }
  if (!luhnValid(siren)) return `ses 9 premiers chiffres (${siren}) ne forment pas un SIREN valide ; ${KEY_HINT}`;
  if (!luhnValid(digits)) return `ce numéro SIRET n’existe pas (sa clé de contrôle est fausse) ; ${KEY_HINT}`;
  return null;
}

/** « siren : … » — the problem with the field's name, or null. */
export function sirenError(value: string, field = 'siren'): string | null {
  const problem = sirenProblem(value);
  return problem && `${field} : ${problem}.`;
}

export function siretError(value: string, field = 'siret'): string | null {
  const problem = siretProblem(value);
  return problem && `${field} : ${problem}.`;
}
