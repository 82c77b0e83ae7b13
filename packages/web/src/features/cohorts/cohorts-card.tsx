import { skipToken, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { DataSetCard } from '../../components/cards/data-set-card';
import { GridTooltip } from '../../components/grid-tip/grid-tip';
import { useGridTip } from '../../components/grid-tip/use-grid-tip';
import { TableSkeleton } from '../../components/states/skeleton';
import { downloadCsv } from '../../csv/download-file';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import { useShopFacts } from '../shop-context';
import { cellCount, cellSentence, cohortPercent, periodNames, shareLevels, type CohortMeasure, type CohortPeriodKind, type CohortRow } from './cohort-cells';
import { CohortsByPeriodQuery, RefreshCohortsQuery } from './cohorts-card.query';

/** How many cohorts the card shows, months or weeks. */
export const COHORT_COUNT = 12;

export const CohortRowFragment = graphql(`
  fragment CohortsCard_cohort on Cohort {
    start
    end
    customers
    periods {
      index
      start
      end
      activeCustomers
      cumulativeCrossoverCustomers
    }
  }
`);

/** The month view comes with the page; the week view is the card's own query, on demand. */
export const CohortsCardFragment = graphql(`
  fragment CohortsCard_insights on TikTokInsights {
    cohorts(by: MONTH, first: 12) {
      ...CohortsCard_cohort
    }
  }
`);

type CohortRef = FragmentType<typeof CohortRowFragment>;

const KINDS: Record<CohortPeriodKind, { label: string; noun: string; after: string }> = {
  MONTH: { label: 'Months', noun: 'month', after: 'Months after their first TikTok order' },
  WEEK: { label: 'Weeks', noun: 'week', after: 'Weeks after their first TikTok order' },
};
const MEASURES: Record<CohortMeasure, { label: string; legend: string }> = {
  repeat: { label: 'Ordered again on TikTok', legend: 'of the group ordered on TikTok again' },
  crossover: { label: 'Crossed over to your store', legend: 'of the group had shopped in your store' },
};

export function CohortsCard({ insights: ref }: { insights: FragmentType<typeof CohortsCardFragment> }) {
  const monthRefs = getFragmentData(CohortsCardFragment, ref).cohorts;
  const { asOf } = useShopFacts();
  const [kind, setKind] = useState<CohortPeriodKind>('MONTH');
  const [measure, setMeasure] = useState<CohortMeasure>('repeat');
  const refreshMonths = useRefreshQuery(RefreshCohortsQuery);
  const weeks = useQuery(CohortsByPeriodQuery, kind === 'WEEK' ? { variables: { by: 'WEEK', first: COHORT_COUNT }, notifyOnNetworkStatusChange: true } : skipToken);
  const weekRefs = (weeks.data ?? weeks.previousData)?.shop.tiktokInsights?.cohorts;
  const refs: readonly CohortRef[] | undefined = kind === 'MONTH' ? monthRefs : weekRefs;
  const cohorts: CohortRow[] = (refs ?? []).map((r) => getFragmentData(CohortRowFragment, r));
  const names = periodNames(kind, cohorts, asOf);
  const word = KINDS[kind];
  const csvRows = cohorts.flatMap((cohort) => cohort.periods.map((point) => ({ cohort, point })));

  const download = () =>
    downloadCsv(`tiktok-cohorts-by-${word.noun}-${asOf}.csv`, {
      columns: [
        { header: 'Cohort start', value: (r: (typeof csvRows)[number]) => r.cohort.start },
        { header: 'Cohort end', value: (r) => r.cohort.end },
        { header: 'Customers', value: (r) => r.cohort.customers },
        { header: `${word.label} after first order`, value: (r) => r.point.index },
        { header: 'Period start', value: (r) => r.point.start },
        { header: 'Period end', value: (r) => r.point.end },
        { header: 'Ordered on TikTok', value: (r) => r.point.activeCustomers },
        { header: 'Ordered on TikTok (%)', value: (r) => percentCell(r.point.activeCustomers, r.cohort.customers) },
        { header: 'Had shopped in your store by then', value: (r) => r.point.cumulativeCrossoverCustomers },
        { header: 'Had shopped in your store (%)', value: (r) => percentCell(r.point.cumulativeCrossoverCustomers, r.cohort.customers) },
      ],
      rows: csvRows,
    });

  return (
    <DataSetCard
      slug="cohorts"
      title="Do TikTok buyers come back?"
      subtitle={`Customers grouped by the ${word.noun} of their first TikTok order, and what share of each group came back`}
      size="full"
      help={
        <>
          Each row is the buyers whose first TikTok order fell in that {word.noun}; each column shows how many of them ordered again 1, 2, 3…{' '}
          {word.noun}s later. If most rows fade after the first {word.noun}, send new buyers a thank-you offer before it ends. Switch to
          “Crossed over to your store” to see how many of each group you have already won for your own shop.
        </>
      }
      onRefresh={kind === 'MONTH' ? refreshMonths : () => weeks.refetch()}
      busy={kind === 'WEEK' && weeks.loading}
      error={kind === 'WEEK' && !weekRefs && !weeks.loading ? weeks.error : undefined}
      onRetry={() => void weeks.refetch()}
      download={download}
      downloadNote="Both options give every cell of the table shown, one row per group and period, with both measures."
    >
      <div className="cohorts__controls">
        <Choice label="Group by" options={KINDS} value={kind} onChange={setKind} />
        <Choice label="Show" options={MEASURES} value={measure} onChange={setMeasure} />
      </div>
      {!refs ? (
        <TableSkeleton rows={6} />
      ) : cohorts.every((c) => c.customers === 0) ? (
        <p className="empty-note">No TikTok customers in these {word.noun}s yet.</p>
      ) : (
        <CohortTable cohorts={cohorts} kind={kind} measure={measure} names={names} />
      )}
    </DataSetCard>
  );
}

function percentCell(count: number, customers: number): number | null {
  return customers === 0 ? null : Math.round((count / customers) * 1000) / 10;
}

function CohortTable({
  cohorts,
  kind,
  measure,
  names,
}: {
  cohorts: CohortRow[];
  kind: CohortPeriodKind;
  measure: CohortMeasure;
  names: ReturnType<typeof periodNames>;
}) {
  const grid = useGridTip({ rowCount: cohorts.length, rowLength: (row) => cohorts[row]?.periods.length ?? 0 });
  const columns = Math.max(0, ...cohorts.map((c) => c.periods.length));
  const { peak, level } = shareLevels(cohorts, measure);
  const word = KINDS[kind];
  return (
    <>
      <div className="grid-tip-host" {...grid.hostProps}>
        <div className="cohorts-scroll" onScroll={grid.onScroll}>
          <table className={`cohorts cohorts--${measure}`} role="grid" aria-label={`${MEASURES[measure].label}, by ${word.noun} of the first TikTok order`}>
            <thead>
              <tr>
                <th scope="col" rowSpan={2} className="cohorts__cohort">
                  {kind === 'MONTH' ? 'First order in' : 'First order in the week of'}
                </th>
                <th scope="col" rowSpan={2} className="cohorts__customers">
                  Customers
                </th>
                <th scope="colgroup" colSpan={columns} className="cohorts__after">
                  {word.after}
                </th>
              </tr>
              <tr>
                {Array.from({ length: columns }, (_, index) => (
                  <th key={index} scope="col" className="cohorts__index">
                    {index}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {cohorts.map((cohort, row) => (
                <tr key={cohort.start} data-testid="cohort-row">
                  <th scope="row" className="cohorts__cohort">
                    {names.row(cohort)}
                  </th>
                  <td className="cohorts__customers">{formatCount(cohort.customers)}</td>
                  {Array.from({ length: columns }, (_, col) => {
                    const point = cohort.periods[col];
                    if (!point) return <td key={col} className="cohorts__future" aria-hidden="true" />;
                    const current = col === cohort.periods.length - 1;
                    const text = cohortPercent(cellCount(point, measure), cohort.customers);
                    const sentence = cellSentence(cohort, point, names.inPeriod);
                    const step = level(cohort, point);
                    return (
                      <td
                        key={col}
                        role="gridcell"
                        aria-label={`${text}: ${sentence}`}
                        data-index={point.index}
                        className={`cohorts__cell share-${step} ${current ? 'is-current' : ''}`}
                        {...grid.cellProps(row, col)}
                      >
                        {text}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <GridTooltip grid={grid}>
          {({ row, col }) => {
            const cohort = cohorts[row];
            const point = cohort?.periods[col];
            if (!cohort || !point) return null;
            return (
              <>
                <strong className="grid-tip__title">
                  {names.row(cohort)} group · {word.noun} {point.index}: {cohortPercent(cellCount(point, measure), cohort.customers)}
                </strong>
                <span>{cellSentence(cohort, point, names.inPeriod)}</span>
              </>
            );
          }}
        </GridTooltip>
      </div>
      <div className="heat-legend" aria-hidden="true">
        <span>0%</span>
        {[0, 1, 2, 3, 4, 5].map((step) => (
          <span key={step} className={`heat-legend__swatch cohorts--${measure} share-${step}`} />
        ))}
        <span>
          {Math.round(peak * 100)}% {MEASURES[measure].legend}
        </span>
      </div>
      <p className="muted small cohorts__note">
        The last cell of each row is this {word.noun}, still under way. Hover, tap or focus a cell for its counts.
      </p>
    </>
  );
}

/** A row of mutually exclusive choices (chips with aria-pressed). */
function Choice<T extends string>({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: Record<T, { label: string }>;
  value: T;
  onChange: (value: T) => void;
}) {
  return (
    <div className="cohorts__choice" role="group" aria-label={label}>
      <span className="cohorts__choice-label" aria-hidden="true">
        {label}
      </span>
      {(Object.keys(options) as T[]).map((key) => (
        <button key={key} type="button" className="chip" aria-pressed={key === value} onClick={() => onChange(key)}>
          {options[key].label}
        </button>
      ))}
    </div>
  );
}
