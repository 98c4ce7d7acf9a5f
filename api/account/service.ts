// « Mon compte »: a person edits their own account in one UPDATE that touches only the fields sent, so
// two saves at once of different fields both stay; the directory consent keeps the time it was first
// given (a second « yes » does not move it) and a « no » clears it — the directories read it live.
import { QueryTypes, type Sequelize } from 'sequelize';
import { User } from '../../models/index.js';
import { HttpError, invalidField } from '../errors.js';
import { inDirectoryRole, type UpdateMe } from './schemas.js';

const COLUMNS: Record<Exclude<keyof UpdateMe, 'directoryConsent'>, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  phone: 'phone',
  jobTitle: 'job_title',
  videoInterviews: 'video_interviews',
  function: 'directory_function',
  establishment: 'directory_establishment',
  department: 'directory_department',
};

/** The directory of référents shows these; a recruiter appears in the companies' directory with their job title. */
const REFERENT_DIRECTORY_FIELDS = ['function', 'establishment', 'department'] as const;
const isReferentSide = (role: string) => role === 'REFERENT' || role === 'MISSION_OFFICER';

export function accountService({ sequelize }: { sequelize: Sequelize }) {
  return {
    async update(user: User, body: UpdateMe): Promise<User> {
      // What a role's directories never show is refused next to its field rather than kept unseen.
      if (body.directoryConsent && !inDirectoryRole(user.role)) {
        throw invalidField('directoryConsent', 'les annuaires ne présentent que les référents, les chargés de mission et les recruteurs.');
      }
      for (const field of REFERENT_DIRECTORY_FIELDS) {
        if (body[field] != null && !isReferentSide(user.role)) {
          throw invalidField(field, 'ce champ de l’annuaire ne concerne que les référents et les chargés de mission.');
        }
      }
      const sets: string[] = [];
      const replacements: Record<string, unknown> = { id: user.id };
      for (const [key, column] of Object.entries(COLUMNS) as Array<[keyof typeof COLUMNS, string]>) {
        if (body[key] === undefined) continue;
        sets.push(`${column} = :${key}`);
        replacements[key] = body[key];
      }
      if (body.directoryConsent !== undefined) {
        sets.push(body.directoryConsent ? 'directory_consent_at = coalesce(directory_consent_at, now())' : 'directory_consent_at = NULL');
      }
      if (sets.length) {
        const rows = await sequelize.query(`UPDATE users SET ${sets.join(', ')}, updated_at = now() WHERE id = :id AND disabled_at IS NULL RETURNING id`, {
          type: QueryTypes.SELECT,
          replacements,
        });
        if (!rows.length) throw new HttpError('UNAUTHENTICATED', 'Connectez-vous pour continuer.');
      }
      const fresh = await User.findByPk(user.id);
      if (!fresh) throw new HttpError('UNAUTHENTICATED', 'Connectez-vous pour continuer.');
      return fresh;
    },
  };
}
