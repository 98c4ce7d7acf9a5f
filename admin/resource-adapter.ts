// @adminjs/sequelize filters text with LIKE, which PostgreSQL applies case-sensitively: searching
// "dupont" would miss "Dupont". This resource runs the same queries with ILIKE. It also filters a
// column that is not text (a UUID: the title of resources without a name, so what AdminJS searches
// when an operator types in a field pointing to one) by its text, where LIKE on the column itself is
// an SQL error: typing the start of an id finds the records it begins.
import { Resource } from '@adminjs/sequelize';
import { Model, Op, Sequelize, type ModelStatic } from 'sequelize';

type Where = unknown;

const TEXT_TYPES = new Set(['TEXT', 'STRING', 'CITEXT', 'CHAR']);

function caseInsensitive(model: ModelStatic<Model>, where: Where): Where {
  if (Array.isArray(where)) return where.map((w) => caseInsensitive(model, w));
  if (!where || typeof where !== 'object' || where instanceof Date) return where;
  const source = where as Record<string | symbol, unknown>;
  const copy: Record<string | symbol, unknown> = {};
  const byText: unknown[] = [];
  for (const key of Reflect.ownKeys(source)) {
    const value = source[key];
    const attribute = typeof key === 'string' ? model.getAttributes()[key] : undefined;
    const typeKey = (attribute?.type as { key?: string } | undefined)?.key;
    const like = value && typeof value === 'object' ? (value as Record<symbol, unknown>)[Op.like] : undefined;
    if (attribute && typeKey && !TEXT_TYPES.has(typeKey) && typeof like === 'string') {
      byText.push(Sequelize.where(Sequelize.cast(Sequelize.col(attribute.field ?? String(key)), 'text'), { [Op.iLike]: like }));
      continue;
    }
    copy[key === Op.like ? Op.iLike : key] = caseInsensitive(model, value);
  }
  if (byText.length) copy[Op.and] = [...((copy[Op.and] as unknown[] | undefined) ?? []), ...byText];
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
          return (options: { where?: Where } = {}) => value.call(target, { ...options, where: caseInsensitive(model, options.where) });
        }
        return value;
      },
    });
  }
}
