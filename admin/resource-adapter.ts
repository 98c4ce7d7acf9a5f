// @adminjs/sequelize filters text with LIKE, which PostgreSQL applies case-sensitively: searching
// "dupont" would miss "Dupont". This resource runs the same queries with ILIKE.
import { Resource } from '@adminjs/sequelize';
import { Model, Op, type ModelStatic } from 'sequelize';

type Where = unknown;

function caseInsensitive(where: Where): Where {
  if (Array.isArray(where)) return where.map(caseInsensitive);
  if (!where || typeof where !== 'object' || where instanceof Date) return where;
  const source = where as Record<string | symbol, unknown>;
  const copy: Record<string | symbol, unknown> = {};
  for (const key of Reflect.ownKeys(source)) copy[key === Op.like ? Op.iLike : key] = caseInsensitive(source[key]);
  return copy;
}

export class PgResource extends Resource {
  constructor(model: ModelStatic<Model>) {
    super(model as unknown as typeof Model);
    // The adapter reads the model through this (private) field: its list and count queries get ILIKE.
    (this as unknown as { SequelizeModel: unknown }).SequelizeModel = new Proxy(model, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if ((property === 'findAll' || property === 'count') && typeof value === 'function') {
          return (options: { where?: Where } = {}) => value.call(target, { ...options, where: caseInsensitive(options.where) });
        }
        return value;
      },
    });
  }
}
