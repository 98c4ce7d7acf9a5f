// @adminjs/sequelize filters text with LIKE, which PostgreSQL applies case-sensitively: searching
// "dupont" would miss "Dupont". This resource runs the same queries with ILIKE. It also filters a
// column that is not text (a UUID: the title of resources without a name, so what AdminJS searches
// when an operator types in a field pointing to one) by its text, where LIKE on the column itself is
// an SQL error: typing the start of an id finds the records it begins.
//
// It also gives records a name of their own (`describe`: « Jeanne Martin — Magasinier H/F (Atelier) »
// rather than an e-mail or an id) and filters by text no single column holds (`searches`: a search
// across the candidate's, the offer's and the company's names), both as virtual properties.
import { Resource } from '@adminjs/sequelize';
import type { BaseRecord, Filter } from 'adminjs';
import { Model, Op, Sequelize, type ModelAttributes, type ModelStatic, type WhereOptions } from 'sequelize';

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

export interface PgResourceOptions {
  /** Sets computed params (e.g. `displayName`, the title property) on the records read, in one query. */
  describe?: (records: BaseRecord[]) => Promise<void>;
  /** Virtual text filters: the typed text (at most 200 characters, checked in admin/requests.ts) to a WHERE. */
  searches?: Record<string, (text: string) => WhereOptions>;
}

/** `%text%` for ILIKE, with the text's own % and _ taken literally. */
export const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class PgResource extends Resource {
  /** The WHERE of this call's virtual filters, read by the model's proxy (below) in the same tick. */
  private extraWhere: WhereOptions | null = null;

  constructor(
    model: ModelStatic<Model>,
    private readonly extras: PgResourceOptions = {},
  ) {
    super(model as unknown as typeof Model);
    const resource = this;
    // The adapter reads the model through this (private) field: its list and count queries get ILIKE.
    (this as unknown as { SequelizeModel: unknown }).SequelizeModel = new Proxy(model, {
      get(target, property) {
        const value = Reflect.get(target, property, target);
        if ((property === 'findAll' || property === 'count') && typeof value === 'function') {
          return (options: { where?: Where } = {}) => {
            const where = caseInsensitive(model, options.where);
            const extra = resource.extraWhere;
            return value.call(target, { ...options, where: extra ? { [Op.and]: [where ?? {}, extra] } : where });
          };
        }
        return value;
      },
    });
  }

  /** Whether `name` is one of this resource's virtual text filters. */
  isVirtualFilter(name: string): boolean {
    return Boolean(this.extras.searches && Object.hasOwn(this.extras.searches, name));
  }

  /** Takes the virtual filters out of AdminJS's filter (its adapter knows no such column) and makes them a WHERE. */
  private withVirtualFilters<T>(filter: Filter | undefined, run: () => Promise<T>): Promise<T> {
    const searches = this.extras.searches ?? {};
    const wheres: WhereOptions[] = [];
    for (const name of Object.keys(filter?.filters ?? {})) {
      // A virtual property without a search of its own (AdminJS searching a title no column holds):
      // no filter rather than the adapter's crash on a property it does not know.
      if (!Object.hasOwn(searches, name) && !filter!.filters[name]!.property) delete filter!.filters[name];
      if (!Object.hasOwn(searches, name)) continue;
      const text = String(filter!.filters[name]!.value ?? '').trim();
      delete filter!.filters[name];
      if (text) wheres.push(searches[name]!(text));
    }
    this.extraWhere = wheres.length ? { [Op.and]: wheres } : null;
    try {
      return run(); // the adapter calls findAll / count synchronously, before its first await
    } finally {
      this.extraWhere = null;
    }
  }

  private async described(records: BaseRecord[]): Promise<BaseRecord[]> {
    if (this.extras.describe && records.length) await this.extras.describe(records);
    return records;
  }

  override async count(filter: Filter): Promise<number> {
    return this.withVirtualFilters(filter, () => super.count(filter));
  }

  override async find(filter: Filter, options: Parameters<Resource['find']>[1]): Promise<BaseRecord[]> {
    return this.described(await this.withVirtualFilters(filter, () => super.find(filter, options)));
  }

  override async findMany(ids: Array<string | number>): Promise<BaseRecord[]> {
    return this.described(await super.findMany(ids));
  }

  override async findOne(id: string | number): Promise<BaseRecord | null> {
    const record = await super.findOne(id);
    return record ? (await this.described([record]))[0]! : null;
  }
}

/**
 * A back-office-only model over a table or view the platform's models do not describe (lockouts, contact
 * requests): initialised once, on the platform's Sequelize instance, snake_case columns, no timestamps
 * of Sequelize's own.
 */
export function tableModel<M extends ModelStatic<Model>>(model: M, tableName: string, attributes: ModelAttributes, sequelize: Sequelize): M {
  if (!model.sequelize) model.init(attributes, { sequelize, underscored: true, tableName, timestamps: false });
  return model;
}
