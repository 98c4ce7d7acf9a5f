// The communes' rows (issue #17, item 4): every current French commune with its point, read from the
// two datasets models/communes-data.ts names, approximations flagged. Built from the installed packages'
// data when the migration runs, in one transaction with the rest of the migration.
import type { Migration } from '../migrate.js';
import { buildCommunes } from '../communes-data.js';

const BATCH = 5000;

export const up: Migration = async ({ context: sequelize }) => {
  const { rows } = await buildCommunes();
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH);
    await sequelize.query(
      `INSERT INTO communes (insee, name, department, postal_codes, population, latitude, longitude, approximate)
       SELECT insee, name, department, string_to_array(postal_codes, ' '), population, latitude, longitude, approximate
       FROM unnest(ARRAY[:insee]::text[], ARRAY[:name]::text[], ARRAY[:department]::text[], ARRAY[:postalCodes]::text[],
                   ARRAY[:population]::int[], ARRAY[:latitude]::float8[], ARRAY[:longitude]::float8[], ARRAY[:approximate]::boolean[])
         AS t(insee, name, department, postal_codes, population, latitude, longitude, approximate)`,
      {
        replacements: {
          insee: batch.map((r) => r.insee),
          name: batch.map((r) => r.name),
          department: batch.map((r) => r.department),
          postalCodes: batch.map((r) => r.postalCodes.join(' ')),
          population: batch.map((r) => r.population),
          latitude: batch.map((r) => r.latitude),
          longitude: batch.map((r) => r.longitude),
          approximate: batch.map((r) => r.approximate),
        },
      },
    );
  }
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`DELETE FROM communes`);
};
