import type { PeriodProgress } from '../../format/period-progress';
import { formatDay } from '../../format/dates';
import { computeChange, formatChangePercent } from './compute-change';

/**
 * ▲ 12.3% in green when it is good news, ▼ in red when it is not; "New" and "—" otherwise. A
 * period still under way (or not begun) is not compared with a whole previous period: the chip
 * says so instead of showing a drop that is only the days still to come.
 */
export function MetricChange({
  current,
  previous,
  previousText,
  periodLabel,
  higherIsBetter = true,
  progress,
}: {
  current: number | null | undefined;
  previous: number | null | undefined;
  /** The previous value as shown, e.g. "$1,204.00". */
  previousText: string;
  /** e.g. "previous 7 days". */
  periodLabel: string;
  higherIsBetter?: boolean;
  progress?: PeriodProgress;
}) {
  if (progress && progress.state !== 'complete') return <PeriodNotOver progress={progress} periodLabel={periodLabel} />;
  const change = computeChange(current, previous, higherIsBetter);
  const tone = change.good === null ? 'neutral' : change.good ? 'good' : 'bad';
  let text: string;
  let spoken: string;
  switch (change.kind) {
    case 'up':
      text = `▲ ${formatChangePercent(change.percent ?? 0)}`;
      spoken = `Up ${formatChangePercent(change.percent ?? 0)} from ${previousText} in the ${periodLabel}`;
      break;
    case 'down':
      text = `▼ ${formatChangePercent(change.percent ?? 0)}`;
      spoken = `Down ${formatChangePercent(change.percent ?? 0)} from ${previousText} in the ${periodLabel}`;
      break;
    case 'flat':
      text = '0.0%';
      spoken = `No change from the ${periodLabel}`;
      break;
    case 'new':
      text = 'New';
      spoken = `New: nothing in the ${periodLabel}`;
      break;
    default:
      text = '—';
      spoken = `Nothing in this or the ${periodLabel}`;
  }
  return (
    <p className="tile__change-line">
      <span className={`tile__change tile__change--${tone}`} data-testid="tile-change" data-kind={change.kind} aria-label={spoken} title={spoken}>
        {text}
      </span>{' '}
      <span className="tile__vs" aria-hidden="true">
        vs {periodLabel}
      </span>
    </p>
  );
}

function PeriodNotOver({ progress, periodLabel }: { progress: Exclude<PeriodProgress, { state: 'complete' }>; periodLabel: string }) {
  const inProgress = progress.state === 'in-progress';
  const text = inProgress ? 'In progress' : 'Not started';
  const detail = inProgress ? `through ${formatDay(progress.through)}` : `starts ${formatDay(progress.starts)}`;
  const spoken = inProgress
    ? `In progress: counted through ${formatDay(progress.through)}; the change against the ${periodLabel} shows once the range is over`
    : `Not started: the range starts ${formatDay(progress.starts)}`;
  return (
    <p className="tile__change-line">
      <span className="tile__change tile__change--neutral tile__change--progress" data-testid="tile-change" data-kind={progress.state} aria-label={spoken} title={spoken}>
        {text}
      </span>{' '}
      <span className="tile__vs" aria-hidden="true">
        {detail}
      </span>
    </p>
  );
}
