import type { JSX } from 'preact';
import { formatMonthFr, type MonthReport } from '../../domain';
import { CHART_HEIGHT, CHART_WIDTH, PLOT, reportChartModel } from '../report-chart';
import { describeRate, plural } from '../report-format';

/** Colours as attributes (not CSS variables) so the chart prints the same on paper. */
const BAR = '#0b6e4f';
const LINE = '#b00020';
const INK = '#1a1a1a';
const GRID = '#c9c9c9';

/**
 * The month chart, hand-written SVG: bars = tests per day (left axis), red points and
 * line = positivity per day (right axis). An image for assistive technologies
 * (`role="img"`, `<title>` and `<desc>` with the totals); the « Par jour » table next to it
 * gives every number. Each bar and point has its own `<title>` (tooltip).
 */
export function ReportChart(props: { report: MonthReport }): JSX.Element {
  const { report } = props;
  const model = reportChartModel(report.days);
  const id = `report-chart-${report.month}`;
  return (
    <svg
      class="report-chart"
      viewBox={`0 0 ${CHART_WIDTH} ${CHART_HEIGHT}`}
      role="img"
      aria-labelledby={`${id}-title ${id}-desc`}
      font-size="12"
      fill={INK}
    >
      <title id={`${id}-title`}>
        Tests et taux de positivité par jour, {formatMonthFr(report.month)}
      </title>
      <desc id={`${id}-desc`}>
        Barres vertes : nombre de tests par jour (axe de gauche). Points rouges reliés : taux de
        positivité du jour (axe de droite). Sur le mois : {plural(report.totals.tests, 'test')},
        positivité {describeRate(report.totals.positivity)}. Le tableau « Par jour » donne les mêmes
        chiffres.
      </desc>
      {model.testTicks.map((t) => (
        <g key={`t${t.at}`}>
          <line x1={PLOT.left} x2={PLOT.right} y1={t.at} y2={t.at} stroke={GRID} />
          <text x={PLOT.left - 6} y={t.at + 4} text-anchor="end">
            {t.label}
          </text>
        </g>
      ))}
      {model.rateTicks.map((t) => (
        <text key={`r${t.at}`} x={PLOT.right + 6} y={t.at + 4} fill={LINE}>
          {t.label}
        </text>
      ))}
      <text x={2} y={PLOT.top - 12}>
        Tests
      </text>
      <text x={CHART_WIDTH - 2} y={PLOT.top - 12} text-anchor="end" fill={LINE}>
        Positivité
      </text>
      {model.bars.map((b) => (
        <rect key={b.day} x={b.x} y={b.y} width={b.width} height={b.height} fill={BAR}>
          <title>{b.title}</title>
        </rect>
      ))}
      {model.lines.map((run) => (
        <polyline
          key={`l${run[0]?.x ?? 0}`}
          points={run.map((p) => `${p.x},${p.y}`).join(' ')}
          fill="none"
          stroke={LINE}
          stroke-width="2"
        />
      ))}
      {model.lines.flat().map((p) => (
        <circle
          key={`p${p.x}`}
          cx={p.x}
          cy={p.y}
          r="3.5"
          fill="#fff"
          stroke={LINE}
          stroke-width="2"
        >
          <title>{p.title}</title>
        </circle>
      ))}
      {model.dayTicks.map((t) => (
        <text key={`d${t.at}`} x={t.at} y={PLOT.bottom + 16} text-anchor="middle">
          {t.label}
        </text>
      ))}
      <line x1={PLOT.left} x2={PLOT.right} y1={PLOT.bottom} y2={PLOT.bottom} stroke={INK} />
    </svg>
  );
}
