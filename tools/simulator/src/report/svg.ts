// Hand-written SVG: a map of Kenya per strategy (county HQ circles coloured by p90 time to site, sized
// by referrals) and the distribution of time to site (cumulative share arrived, per county class).
// Country outlines: Natural Earth via world-atlas (public domain), equirectangular with cos(lat) scaling.
import { readFileSync } from 'node:fs';
import { COUNTIES } from '@haki/geography';
import { feature } from 'topojson-client';
import type { GeometryObject, Topology } from 'topojson-specification';
import { COUNTY_CLASS_LABEL } from '../county-class';
import type { StrategyName } from '../engine';
import type { Group } from '../metrics';
import { STRATEGY_LABEL } from '../strategies';
import { CDF_HOURS, type CountyFigure, type Distribution } from './analysis';

const KENYA_ID = '404';
const NEIGHBOURS = ['231', '706', '800', '834', '728']; // Ethiopia, Somalia, Uganda, Tanzania, South Sudan
const BOUNDS = { west: 33.6, east: 42.2, south: -5.0, north: 5.4 };
const SCALE = 62; // px per degree of latitude
const COS = Math.cos((0.2 * Math.PI) / 180);
const PAD = { left: 16, top: 56 };
const MAP_W = (BOUNDS.east - BOUNDS.west) * SCALE * COS;
const MAP_H = (BOUNDS.north - BOUNDS.south) * SCALE;

const px = (lon: number) => PAD.left + (lon - BOUNDS.west) * SCALE * COS;
const py = (lat: number) => PAD.top + (BOUNDS.north - lat) * SCALE;
const f1 = (x: number) => (Math.round(x * 10) / 10).toString();
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** `<name a="1" b="2"/>`, or `<name a="1">content</name>` with content; attribute values go in as given, unescaped. */
function tag(name: string, attrs: Record<string, string | number>, content?: string): string {
  const a = Object.entries(attrs)
    .map(([k, v]) => ` ${k}="${v}"`)
    .join('');
  return content === undefined ? `<${name}${a}/>` : `<${name}${a}>${content}</${name}>`;
}
/** The opening `<svg>` tag of a picture W × H pixels. */
const svgOpen = (W: number, H: number) =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" ` +
  'font-family="Helvetica, Arial, sans-serif">';

type Ring = number[][];
let outlines: { kenya: string; neighbours: string } | undefined;

function pathOf(geometry: { type: string; coordinates: unknown }): string {
  const polygons: Ring[][] =
    geometry.type === 'Polygon'
      ? [geometry.coordinates as Ring[]]
      : geometry.type === 'MultiPolygon'
        ? (geometry.coordinates as Ring[][])
        : [];
  return polygons
    .flatMap((rings) =>
      rings.map(
        (ring) => ring.map(([lon, lat], i) => `${i === 0 ? 'M' : 'L'}${f1(px(lon as number))},${f1(py(lat as number))}`).join('') + 'Z',
      ),
    )
    .join('');
}

/** Kenya and neighbour outlines as SVG path data (loaded once). */
export function countryOutlines(): { kenya: string; neighbours: string } {
  if (!outlines) {
    const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
    const countries = topology.objects['countries'] as unknown as { geometries: (GeometryObject & { id?: string })[] };
    const path = (id: string) => {
      const g = countries.geometries.find((x) => x.id === id);
      if (!g) throw new Error(`SIMULATOR.NO_OUTLINE: ${id}`);
      const f = feature(topology, g);
      return pathOf(
        ('geometry' in f ? f.geometry : { type: 'none', coordinates: [] }) as unknown as { type: string; coordinates: unknown },
      );
    };
    outlines = { kenya: path(KENYA_ID), neighbours: NEIGHBOURS.map(path).join('') };
  }
  return outlines;
}

/** p90 time-to-site colour bands (hours, upper bounds) and colours (green → dark red), plus "nobody arrived". */
export const P90_BANDS: { upTo: number; label: string; colour: string }[] = [
  { upTo: 2, label: '≤ 2 h', colour: '#1a9850' },
  { upTo: 4, label: '2–4 h', colour: '#91cf60' },
  { upTo: 8, label: '4–8 h', colour: '#d9ef8b' },
  { upTo: 12, label: '8–12 h', colour: '#fee08b' },
  { upTo: 24, label: '12–24 h', colour: '#fc8d59' },
  { upTo: 48, label: '24–48 h', colour: '#d73027' },
  { upTo: Infinity, label: '> 48 h', colour: '#7f0000' },
];
const NONE_COLOUR = '#6a51a3';
export const bandColour = (h: number | null): string =>
  h === null ? NONE_COLOUR : (P90_BANDS.find((b) => h <= b.upTo) as { colour: string }).colour;
const radius = (perSeed: number) => (perSeed <= 0 ? 0 : 2.5 + 2 * Math.sqrt(perSeed));

const LABELLED = new Set([
  'Nairobi',
  'Mombasa',
  'Kisumu',
  'Uasin Gishu',
  'Nakuru',
  'Turkana',
  'Garissa',
  'Mandera',
  'Wajir',
  'Marsabit',
  'Lamu',
  'Kitui',
]);

const MAP_STYLE = [
  '.lbl{font-size:11px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}',
  '.leg{font-size:12px;fill:#222}',
  '.ttl{font-size:16px;font-weight:bold}',
  '.sub{font-size:12px;fill:#444}',
].join('');

export function mapSvg(strategy: StrategyName, figures: readonly CountyFigure[], title: string): string {
  const { kenya, neighbours } = countryOutlines();
  const W = Math.ceil(PAD.left + MAP_W + 190);
  const H = Math.ceil(PAD.top + MAP_H + 16);
  const byCode = new Map(COUNTIES.map((c) => [c.code, c]));
  const circles = [...figures]
    .filter((f) => f.referralsPerSeed > 0)
    .sort((a, b) => b.referralsPerSeed - a.referralsPerSeed || a.code - b.code)
    .map((f) => {
      const c = byCode.get(f.code);
      if (!c) return '';
      const p90 = f.p90SiteH === null ? 'n/a' : f1(f.p90SiteH) + ' h';
      const unmatched = Math.round((f.unmatched ?? 0) * 100);
      const tip = `${f.name} (${c.hqTown}): ${f1(f.referralsPerSeed)} referrals/run, p90 to site ${p90}, unmatched ${unmatched}%`;
      const circle = {
        cx: f1(px(c.hq.lon)),
        cy: f1(py(c.hq.lat)),
        r: f1(radius(f.referralsPerSeed)),
        fill: bandColour(f.p90SiteH),
        'fill-opacity': '0.85',
        stroke: '#222',
        'stroke-width': '0.7',
      };
      return tag('circle', circle, tag('title', {}, esc(tip)));
    })
    .join('\n    ');
  const labels = figures
    .filter((f) => LABELLED.has(f.name))
    .map((f) => {
      const c = byCode.get(f.code);
      if (!c) return '';
      const west = f.name === 'Nairobi' || f.name === 'Mandera';
      const dx = west ? -radius(f.referralsPerSeed) - 4 : radius(f.referralsPerSeed) + 3;
      const anchor = west ? 'end' : 'start';
      const at = { x: f1(px(c.hq.lon) + dx), y: f1(py(c.hq.lat) + 4), 'text-anchor': anchor, class: 'lbl' };
      return tag('text', at, esc(c.hqTown));
    })
    .join('\n    ');
  const lx = Math.round(PAD.left + MAP_W + 14);
  const legendBands = [...P90_BANDS.map((b) => ({ label: b.label, colour: b.colour })), { label: 'nobody arrived', colour: NONE_COLOUR }]
    .map(
      (b, i) =>
        tag('rect', { x: lx, y: PAD.top + 26 + i * 20, width: 14, height: 14, fill: b.colour, stroke: '#222', 'stroke-width': '0.5' }) +
        tag('text', { x: lx + 20, y: PAD.top + 37 + i * 20, class: 'leg' }, esc(b.label)),
    )
    .join('\n  ');
  const sizeTop = PAD.top + 26 + 8 * 20 + 30;
  const sizes = [2, 10, 40]
    .map((n, i) => {
      const y = sizeTop + 22 + i * 34;
      return (
        tag('circle', { cx: lx + 14, cy: y, r: f1(radius(n)), fill: 'none', stroke: '#222' }) +
        tag('text', { x: lx + 36, y: y + 4, class: 'leg' }, `${n} referrals`)
      );
    })
    .join('\n  ');
  const subtitle = `${esc(STRATEGY_LABEL[strategy])} — circle at each county HQ: colour = p90 time to site, area = referrals per run`;
  return `${svgOpen(W, H)}
  <style>${MAP_STYLE}</style>
  <rect width="${W}" height="${H}" fill="#ffffff"/>
  <text x="${PAD.left}" y="24" class="ttl">${esc(title)}</text>
  <text x="${PAD.left}" y="42" class="sub">${subtitle}</text>
  <clipPath id="frame"><rect x="${PAD.left}" y="${PAD.top}" width="${f1(MAP_W)}" height="${f1(MAP_H)}"/></clipPath>
  <rect x="${PAD.left}" y="${PAD.top}" width="${f1(MAP_W)}" height="${f1(MAP_H)}" fill="#eaf2f8"/>
  <g clip-path="url(#frame)">
    <path d="${neighbours}" fill="#f2f2f2" stroke="#bbbbbb" stroke-width="0.6"/>
    <path d="${kenya}" fill="#fdfcf7" stroke="#555555" stroke-width="1.1"/>
  </g>
  <rect x="${PAD.left}" y="${PAD.top}" width="${f1(MAP_W)}" height="${f1(MAP_H)}" fill="none" stroke="#999"/>
  <g>
    ${circles}
  </g>
  <g>
    ${labels}
  </g>
  <text x="${lx}" y="${PAD.top + 14}" class="leg" font-weight="bold">p90 time to site</text>
  ${legendBands}
  <text x="${lx}" y="${sizeTop}" class="leg" font-weight="bold">Referrals per run</text>
  ${sizes}
  <text x="${lx}" y="${H - 24}" class="sub">Outline: Natural Earth</text>
  <text x="${lx}" y="${H - 10}" class="sub">(world-atlas)</text>
</svg>
`;
}

const STRATEGY_COLOUR: Record<StrategyName, string> = { 'fixed-list': '#d95f02', nearest: '#7570b3', haki: '#1b9e77' };
const STRATEGY_DASH: Record<StrategyName, string> = { 'fixed-list': '6 3', nearest: '2 3', haki: '' };
const CDF_STYLE = [
  '.ax{font-size:11px;fill:#444}',
  '.pt{font-size:13px;font-weight:bold}',
  '.leg{font-size:12px}',
  '.ttl{font-size:16px;font-weight:bold}',
  '.sub{font-size:12px;fill:#444}',
].join('');

/** Cumulative share of referrals with someone on site within x hours (log x), one panel per county class. */
export function timeToSiteSvg(distributions: Record<string, Record<Group, Distribution>>, title: string): string {
  const groups: Group[] = ['nairobi', 'other-urban', 'rural'];
  const pw = 300,
    ph = 230,
    gap = 40,
    left = 56,
    top = 70;
  const W = left + groups.length * pw + (groups.length - 1) * gap + 30;
  const H = top + ph + 80;
  const xMin = Math.log(CDF_HOURS[0] as number),
    xMax = Math.log(CDF_HOURS[CDF_HOURS.length - 1] as number);
  const X = (h: number, ox: number) => ox + ((Math.log(h) - xMin) / (xMax - xMin)) * pw;
  const Y = (share: number) => top + (1 - share) * ph;
  const ticks = [0.5, 1, 2, 4, 8, 24, 72, 168];
  const tickLabel = (h: number) => (h < 1 ? `${h * 60}m` : h === 168 ? '1 wk' : `${h}h`);
  const strategies = Object.keys(distributions) as StrategyName[];
  const panels = groups
    .map((g, gi) => {
      const ox = left + gi * (pw + gap);
      const grid = [0, 0.25, 0.5, 0.75, 1]
        .map(
          (s) =>
            tag('line', { x1: ox, x2: ox + pw, y1: f1(Y(s)), y2: f1(Y(s)), stroke: '#ddd' }) +
            (gi === 0 ? tag('text', { x: ox - 6, y: f1(Y(s) + 4), 'text-anchor': 'end', class: 'ax' }, `${s * 100}%`) : ''),
        )
        .join('');
      const xt = ticks
        .map(
          (h) =>
            tag('line', { x1: f1(X(h, ox)), x2: f1(X(h, ox)), y1: top, y2: top + ph, stroke: '#eee' }) +
            tag('text', { x: f1(X(h, ox)), y: top + ph + 16, 'text-anchor': 'middle', class: 'ax' }, tickLabel(h)),
        )
        .join('');
      const lines = strategies
        .map((s) => {
          const d = distributions[s]?.[g];
          if (!d || d.referrals === 0) return '';
          const pts = CDF_HOURS.map((h, i) => `${f1(X(h, ox))},${f1(Y(d.cdf[i] ?? 0))}`);
          const stroke = { stroke: STRATEGY_COLOUR[s], 'stroke-width': '2.2', 'stroke-dasharray': STRATEGY_DASH[s] };
          return tag('polyline', { points: pts.join(' '), fill: 'none', ...stroke });
        })
        .join('');
      const n = distributions[strategies[0] as string]?.[g]?.referrals ?? 0;
      const frame = tag('rect', { x: ox, y: top, width: pw, height: ph, fill: 'none', stroke: '#888' });
      const heading = `${esc(COUNTY_CLASS_LABEL[g as keyof typeof COUNTY_CLASS_LABEL])} (${n} referrals, all seeds)`;
      const caption = tag('text', { x: ox + pw / 2, y: top - 8, 'text-anchor': 'middle', class: 'pt' }, heading);
      return `<g>${grid}${xt}${frame}${lines}${caption}</g>`;
    })
    .join('\n  ');
  const legend = strategies
    .map((s, i) => {
      const x = left + i * 250;
      const stroke = { stroke: STRATEGY_COLOUR[s], 'stroke-width': '2.6', 'stroke-dasharray': STRATEGY_DASH[s] };
      return (
        tag('line', { x1: x, x2: x + 34, y1: H - 22, y2: H - 22, ...stroke }) +
        tag('text', { x: x + 42, y: H - 18, class: 'leg' }, esc(STRATEGY_LABEL[s]))
      );
    })
    .join('');
  const subtitle =
    'Share of referrals with the required professional on site within x hours (log scale). ' +
    "Unmatched referrals never arrive: a curve's plateau is its matched share.";
  const axisX = left + (groups.length * pw + (groups.length - 1) * gap) / 2;
  return `${svgOpen(W, H)}
  <style>${CDF_STYLE}</style>
  <rect width="${W}" height="${H}" fill="#ffffff"/>
  <text x="${left}" y="24" class="ttl">${esc(title)}</text>
  <text x="${left}" y="42" class="sub">${subtitle}</text>
  ${panels}
  <text x="${axisX}" y="${top + ph + 34}" text-anchor="middle" class="ax">hours from referral to arrival on site</text>
  ${legend}
</svg>
`;
}
