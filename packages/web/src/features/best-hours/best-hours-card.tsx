import { useLayoutEffect, useMemo, useRef } from 'react';
import { useRefreshQuery } from '../../apollo/use-refresh-query';
import { DataSetCard } from '../../components/cards/data-set-card';
import { GridTooltip } from '../../components/grid-tip/grid-tip';
import { useGridTip } from '../../components/grid-tip/use-grid-tip';
import { csvMoneyCell, moneyHeader } from '../../csv/csv-table';
import { downloadCsv } from '../../csv/download-file';
import { formatDayRange } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { getFragmentData, graphql, type FragmentType } from '../../gql';
import type { BestHoursCard_PeriodFragment } from '../../gql/graphql';
import { useShopFacts } from '../shop-context';
import { bestHours, bestHoursSentence, heatLevel, hourLabel, hourRangeLabel, rangeLabel, weekdayName, weekdayShort, weekdaysInOrder } from './best-hours';
import { RefreshRangeBestHoursQuery } from './best-hours-card.query';

export const BestHoursCardFragment = graphql(`
  fragment BestHoursCard_period on PeriodInsights {
    start
    end
    hourOfWeek {
      weekday
      hour
      orders
      netReceipts {
        cents
        currency
        formatted
      }
    }
  }
`);

type Cell = BestHoursCard_PeriodFragment['hourOfWeek'][number];

const HOURS = Array.from({ length: 24 }, (_, hour) => hour);
/** Hours whose column header shows its label (the others stay blank so the labels have room). */
const LABELLED_HOUR = (hour: number) => hour % 3 === 0;

/** "Central Time" for America/Chicago (the IANA name where the browser has no name for it). */
function zoneName(timeZone: string): string {
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longGeneric' }).formatToParts(new Date());
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? timeZone;
  } catch {
    return timeZone;
  }
}

const ordersText = (n: number) => `${formatCount(n)} ${n === 1 ? 'order' : 'orders'}`;

/** Best time to go live: the range's TikTok orders by weekday and hour of the shop's clock. */
export function BestHoursCard({
  period: periodRef,
  range,
  busy,
}: {
  period: FragmentType<typeof BestHoursCardFragment>;
  /** The range as the page asked for it (URL), for Clear cache & refresh. */
  range: { from: string | null; to: string | null };
  busy?: boolean;
}) {
  const period = getFragmentData(BestHoursCardFragment, periodRef);
  const { timezone, weekStartsOn } = useShopFacts();
  const onRefresh = useRefreshQuery(RefreshRangeBestHoursQuery, range);
  const days = useMemo(() => weekdaysInOrder(weekStartsOn), [weekStartsOn]);
  // Rows in the shop's week order, each its 24 hours (the API gives them all, zero-filled).
  const rows = useMemo(() => {
    const byKey = new Map(period.hourOfWeek.map((c) => [`${c.weekday}:${c.hour}`, c]));
    return days.map((weekday) => HOURS.map((hour) => byKey.get(`${weekday}:${hour}`) ?? null));
  }, [period.hourOfWeek, days]);
  const best = useMemo(() => bestHours(period.hourOfWeek, weekStartsOn), [period.hourOfWeek, weekStartsOn]);
  const peak = Math.max(0, ...period.hourOfWeek.map((c) => c.orders));
  const currency = period.hourOfWeek[0]?.netReceipts.currency;
  const isBest = (c: Cell) => best.kind === 'ranges' && best.hot.some((h) => h.weekday === c.weekday && h.hour === c.hour);
  const grid = useGridTip({ rowCount: rows.length, rowLength: () => HOURS.length });
  const scroller = useRef<HTMLDivElement | null>(null);

  // On a phone the grid scrolls sideways: it opens on the best hours rather than on midnight.
  const firstBest = best.kind === 'ranges' ? best.ranges[0] : undefined;
  useLayoutEffect(() => {
    const element = scroller.current;
    if (!element || !firstBest || element.scrollWidth <= element.clientWidth) return;
    const cell = element.querySelector(`td[data-weekday="${firstBest.weekday}"][data-hour="${firstBest.start}"]`);
    if (!cell) return;
    const offset = cell.getBoundingClientRect().left - element.getBoundingClientRect().left + element.scrollLeft;
    element.scrollLeft = Math.max(0, offset - element.clientWidth / 2);
  }, [firstBest]);

  const download = () =>
    downloadCsv(`tiktok-best-hours-${period.start}-to-${period.end}.csv`, {
      columns: [
        { header: 'Weekday', value: (c: Cell) => weekdayName(c.weekday) },
        { header: 'Hour (0–23)', value: (c) => c.hour },
        { header: 'Hours', value: (c) => hourRangeLabel(c.hour, c.hour + 1) },
        { header: 'Orders', value: (c) => c.orders },
        { header: moneyHeader('Net receipts', currency), value: (c) => csvMoneyCell(c.netReceipts.cents, c.netReceipts.currency) },
      ],
      rows: rows.flat().filter((c): c is Cell => c !== null),
    });

  return (
    <DataSetCard
      slug="range-best-hours"
      title="Best time to go live"
      subtitle={`TikTok orders by weekday and hour (${zoneName(timezone)}), ${formatDayRange(period.start, period.end)}`}
      size="full"
      help="The darker the square, the more TikTok orders came in at that hour. Schedule your lives to start just before your darkest squares, post a teaser an hour ahead, and save new arrivals for those slots. Pale evenings or weekends are where a test live costs you little."
      onRefresh={onRefresh}
      busy={busy}
      download={download}
      downloadNote="Both options give the 168 hours of the week, in your shop’s week order and time zone."
    >
      {best.kind === 'none' ? (
        <p className="empty-note">No TikTok orders in these weeks, so no best hours yet.</p>
      ) : (
        <>
          <p className="best-hours__summary" data-testid="best-hours-summary">
            {best.kind === 'ranges' ? (
              <>
                Your best hours:{' '}
                {best.ranges.map((r, i) => (
                  <span key={`${r.weekday}-${r.start}`}>
                    {i > 0 && ', '}
                    <strong data-testid="best-hours-range">{rangeLabel(r)}</strong>
                  </span>
                ))}
              </>
            ) : (
              bestHoursSentence(best)
            )}
          </p>
          <div className="grid-tip-host" {...grid.hostProps}>
            <div ref={scroller} className="heatmap-scroll" onScroll={grid.onScroll}>
              <table className="heatmap" role="grid" aria-label="TikTok orders by weekday and hour">
                <thead>
                  <tr>
                    <th scope="col" className="heatmap__corner">
                      <span className="visually-hidden">Weekday</span>
                    </th>
                    {HOURS.map((hour) => (
                      <th key={hour} scope="col" className="heatmap__hour">
                        <span aria-hidden="true">{LABELLED_HOUR(hour) ? hourLabel(hour) : ''}</span>
                        <span className="visually-hidden">{hourLabel(hour)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((cells, row) => (
                    <tr key={days[row]}>
                      <th scope="row" className="heatmap__day">
                        <span aria-hidden="true">{weekdayShort(days[row]!)}</span>
                        <span className="visually-hidden">{weekdayName(days[row]!)}</span>
                      </th>
                      {cells.map((cell, col) => {
                        const orders = cell?.orders ?? 0;
                        const label = `${weekdayName(days[row]!)} ${hourRangeLabel(col, col + 1)}: ${ordersText(orders)}${
                          cell ? `, ${cell.netReceipts.formatted} net receipts` : ''
                        }`;
                        return (
                          <td
                            key={col}
                            role="gridcell"
                            aria-label={label}
                            data-weekday={days[row]}
                            data-hour={col}
                            className={`heatmap__cell heat-${heatLevel(orders, peak)} ${cell && isBest(cell) ? 'is-best' : ''}`}
                            {...grid.cellProps(row, col)}
                          />
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <GridTooltip grid={grid}>
              {({ row, col }) => {
                const cell = rows[row]?.[col];
                return (
                  <>
                    <strong className="grid-tip__title">
                      {weekdayName(days[row]!)} {hourRangeLabel(col, col + 1)}
                    </strong>
                    <span>{ordersText(cell?.orders ?? 0)}</span>
                    {cell && <span>{cell.netReceipts.formatted} net receipts</span>}
                  </>
                );
              }}
            </GridTooltip>
          </div>
          <HeatLegend peak={peak} />
          <p className="muted small heatmap__swipe">Swipe the grid sideways to see every hour.</p>
        </>
      )}
    </DataSetCard>
  );
}

function HeatLegend({ peak }: { peak: number }) {
  return (
    <div className="heat-legend" aria-hidden="true">
      <span>0</span>
      {[0, 1, 2, 3, 4, 5].map((level) => (
        <span key={level} className={`heat-legend__swatch heat-${level}`} />
      ))}
      <span>{ordersText(peak)} in an hour</span>
      <span className="heat-legend__best">
        <span className="heat-legend__swatch is-best" /> best hours
      </span>
    </div>
  );
}
