// People's first and last names, as every route that sets them accepts them (the recruiter's sign-up,
// a colleague's invitation, the account a référent creates, the back office's accounts): letters of
// any script with their accents, digits, spaces, apostrophes, hyphens and periods — what names are
// made of — and nothing else. Refused: what is syntax somewhere a name goes (`<` `>` `&` in a page,
// `"` `;` `:` in a calendar invitation's parameters, `\`), control characters and line breaks (a
// header or a calendar line would end there), and invisible or bidirectional characters (U+202E
// turns the text around on screen). Names already stored are escaped wherever they are shown.
import { z } from 'zod';

export const NAME_MAX_LENGTH = 100;

const ALLOWED = /^[\p{L}\p{M}\p{N} '’.-]$/u;
const HINT = 'un nom s’écrit avec des lettres, des espaces, des apostrophes, des tirets et des points (ex. Marie-Hélène, N’Diaye)';

/** How the character reads in a message: itself when visible, else its code point. */
function shown(char: string): string {
  return /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u.test(char) ? `« ${char} »` : `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Why this (trimmed) name is refused, in French; null when it is fine. Its length is checked apart. */
export function nameProblem(name: string): string | null {
  for (const char of name) {
    if (!ALLOWED.test(char)) return `caractère refusé : ${shown(char)} — ${HINT}`;
  }
  if (!/\p{L}/u.test(name)) return `au moins une lettre attendue — ${HINT}`;
  return null;
}

/** A first or last name in an API body: required, trimmed, 100 characters at most, checked as above. */
export const personName = () =>
  z
    .string({ error: 'obligatoire (texte attendu)' })
    .trim()
    .min(1, 'obligatoire')
    .max(NAME_MAX_LENGTH, `${NAME_MAX_LENGTH} caractères au plus`)
    .superRefine((value, ctx) => {
      if (!value || value.length > NAME_MAX_LENGTH) return; // already refused above
      const problem = nameProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    });
