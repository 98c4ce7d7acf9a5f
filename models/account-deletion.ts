// What the API (when the deletion is asked) and the deletion workflow's activity (when it is due)
// both ask of the database: whether this account may be deleted now.
import { QueryTypes, type Sequelize, type Transaction } from 'sequelize';
import type { Role } from '../workflows/actors.js';
import type { DeletionBlocker } from '../workflows/account-deletion-rules.js';

/**
 * Why this account may not be deleted now, or null. A référent still following candidates, a mission
 * officer with référents: their people would be left without anyone (only an admin or mission officer
 * hands them over, and the live cases follow). The last active admin: the platform would have none.
 * Inside a transaction, the admins' rows are locked: two admins deleted at once cannot both pass.
 */
export async function deletionBlockerOf(sequelize: Sequelize, user: { id: string; role: Role }, transaction?: Transaction): Promise<DeletionBlocker | null> {
  const one = async (sql: string) =>
    (await sequelize.query(sql, { transaction, type: QueryTypes.SELECT, replacements: { id: user.id } })).length > 0;
  switch (user.role) {
    case 'REFERENT':
      return (await one(
        `SELECT 1 FROM candidate_profiles p JOIN users c ON c.id = p.user_id WHERE p.referent_id = :id AND c.disabled_at IS NULL LIMIT 1`,
      ))
        ? 'FOLLOWED_CANDIDATES'
        : null;
    case 'MISSION_OFFICER':
      return (await one(`SELECT 1 FROM users WHERE mission_officer_id = :id AND role = 'REFERENT' AND disabled_at IS NULL LIMIT 1`)) ? 'FOLLOWED_REFERENTS' : null;
    case 'ADMIN': {
      const admins = await sequelize.query<{ id: string }>(
        `SELECT id FROM users WHERE role = 'ADMIN' AND disabled_at IS NULL ORDER BY id ${transaction ? 'FOR UPDATE' : ''}`,
        { transaction, type: QueryTypes.SELECT },
      );
      return admins.some((a) => a.id !== user.id) ? null : 'LAST_ADMIN';
    }
    default:
      return null;
  }
}
