// Each candidate place keeps its point on the Earth (`point`, cube/earthdistance's `earth`), computed once
// when written instead of by every search for every place in reach: ll_to_earth is trigonometry plus the
// `earth` domain's checks, and a search around Paris evaluated it for some 20,000 places (144 ms of a
// search's SQL; 39 ms reading the stored point — bench/results/cvtheque-2026-12-04.md).
import type { Migration } from '../migrate.js';

export const up: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    ALTER TABLE candidate_places ADD COLUMN point earth GENERATED ALWAYS AS (ll_to_earth(latitude, longitude)) STORED;
    DROP INDEX candidate_places_reach_idx;
    DROP INDEX candidate_places_earth_idx;
    -- A place's reach: its point enlarged by the candidate's own radius; a search around a commune asks
    -- which reaches meet its circle's box, then the exact distance.
    CREATE INDEX candidate_places_reach_idx ON candidate_places USING gist (earth_box(point, radius_km * 1000));
  `);
};

export const down: Migration = async ({ context: sequelize }) => {
  await sequelize.query(`
    DROP INDEX candidate_places_reach_idx;
    ALTER TABLE candidate_places DROP COLUMN point;
    CREATE INDEX candidate_places_earth_idx ON candidate_places USING gist (ll_to_earth(latitude, longitude));
    CREATE INDEX candidate_places_reach_idx ON candidate_places USING gist (earth_box(ll_to_earth(latitude, longitude), radius_km * 1000));
  `);
};
