import { geoMercator, geoPath } from 'd3-geo';
import type { Feature } from 'geojson';
import { COUNTIES } from '@haki/geography';
import { useTranslation } from 'react-i18next';
import outline from './kenya-outline.json';

const WIDTH = 320;
const HEIGHT = 360;
const kenya = outline as unknown as Feature;
const projection = geoMercator().fitSize([WIDTH, HEIGHT], kenya);
const path = geoPath(projection);

interface Props {
  /** Open cases per county. */
  open: Record<string, number>;
  /** Open cases with a required role waiting on ops. */
  waiting: Record<string, number>;
  /** Open cases past a target (an SLA clock run out). */
  late: Record<string, number>;
  label: string;
}

/**
 * Kenya drawn offline (Natural Earth outline, d3-geo), one circle per county headquarters: its area
 * the county's open cases, red where a required role waits with ops, ringed where a case is past its
 * target. No tiles, nothing fetched.
 */
export function KenyaMap({ open, waiting, late, label }: Props) {
  const { t } = useTranslation();
  const counties = COUNTIES.filter((county) => open[county.name]);
  return (
    <figure className="map">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-labelledby="map-title">
        <title id="map-title">{label}</title>
        <path d={path(kenya) ?? ''} className="country" />
        {counties.map((county) => {
          const [x, y] = projection([county.hq.lon, county.hq.lat]) ?? [0, 0];
          const count = open[county.name] ?? 0;
          return (
            <g key={county.code} className={`county${waiting[county.name] ? ' waiting' : ''}${late[county.name] ? ' late' : ''}`}>
              <circle cx={x} cy={y} r={4 + Math.sqrt(count) * 3} />
              <text x={x + 8} y={y + 4}>
                {county.name} {count}
              </text>
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul>
          {counties.map((county) => (
            <li key={county.code}>
              {t('map.county', {
                county: county.name,
                open: open[county.name],
                waiting: waiting[county.name] ?? 0,
                late: late[county.name] ?? 0,
              })}
            </li>
          ))}
        </ul>
      </figcaption>
    </figure>
  );
}
