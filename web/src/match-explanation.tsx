// A profile's match with what a recruiter asks (issue #18): a gauge with its figure in words (« 72 %
// compatible »), one line per criterion asked with its result in words (a sign and a colour only
// repeat them), the indispensable ones said so, and seed 000's note that the score helps and never
// decides. Shared by « Recherche matching », an offer's matches and an application's page.
import type { CriterionMatch } from '../../workflows/matching-criteria.js';
import './match-explanation.css';

/** A sign for each result, for the eye only: the sentence says the result in words. */
const SIGN: Record<CriterionMatch['result'], string> = { FOUND: '✓', APPROXIMATE: '≈', NOT_SPECIFIED: '?', NOT_FOUND: '✗' };

export const MATCH_NOTE = 'Le score aide à décider ; il ne décide pas.';

export function MatchExplanation({ score, criteria, id }: { score: number; criteria: CriterionMatch[]; id: string }) {
  return (
    <div class="match-explanation">
      <p class="match-score">
        <meter id={`${id}-meter`} min={0} max={100} low={50} high={75} optimum={100} value={score} aria-labelledby={`${id}-score`} />{' '}
        <span id={`${id}-score`}>{score} % compatible</span>
      </p>
      {criteria.length > 0 && (
        <ul class="match-criteria" aria-label="Détail par critère">
          {criteria.map((c) => (
            <li key={c.criterion} class={`match-${c.result.toLowerCase().replace('_', '-')}`}>
              <span class="match-sign" aria-hidden="true">
                {SIGN[c.result]}
              </span>{' '}
              {c.detail}
              {c.indispensable && <strong> (indispensable)</strong>}
            </li>
          ))}
        </ul>
      )}
      <p class="match-note">{MATCH_NOTE}</p>
    </div>
  );
}
