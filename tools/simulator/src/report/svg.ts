// Hand-written SVG: a map of Kenya per strategy (county HQ circles coloured by the share of all referrals on
// site before the deadline, a dark core for the unmatched share, sized by referrals; labels placed greedily
// so they do not collide), the recruitment planner's map, and the distribution of time to site
// (cumulative share on site, per county class).
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
import type { PlannerCandidate, PlannerData } from './planner';

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

/** Colour bands for the share of ALL referrals with someone on site before the deadline (lower bounds), dark red → green. */
export const ON_TIME_BANDS: { from: number; label: string; colour: string }[] = [
  { from: 0.98, label: '≥ 98 %', colour: '#1a9850' },
  { from: 0.95, label: '95–98 %', colour: '#91cf60' },
  { from: 0.9, label: '90–95 %', colour: '#d9ef8b' },
  { from: 0.8, label: '80–90 %', colour: '#fee08b' },
  { from: 0.65, label: '65–80 %', colour: '#fc8d59' },
  { from: 0.5, label: '50–65 %', colour: '#d73027' },
  { from: -Infinity, label: '< 50 %', colour: '#7f0000' },
];
const NONE_COLOUR = '#cccccc';
export const bandColour = (share: number | null): string =>
  share === null ? NONE_COLOUR : (ON_TIME_BANDS.find((b) => share >= b.from) as { colour: string }).colour;
const radius = (perSeed: number) => (perSeed <= 0 ? 0 : 2.5 + 2 * Math.sqrt(perSeed));

export interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/** Something to label: an anchor point, the radius of its marker, the text, and a priority (higher first). */
export interface LabelRequest {
  x: number;
  y: number;
  r: number;
  text: string;
  priority: number;
}
export interface PlacedLabel {
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  text: string;
  box: Box;
}

/** Rough text extent at 10 px Helvetica (no font metrics in a hand-written SVG). */
const textWidth = (text: string, fontPx: number) => text.length * fontPx * 0.56 + 2;

/**
 * Greedy label placement: labels in priority order, each tries right, left, above, below its marker
 * (then the four diagonals) and takes the first spot that overlaps no label already placed, no marker
 * other than its own, and stays inside `frame`; a label with no free spot is dropped (its circle keeps
 * its tooltip). Deterministic: ties in priority go by text.
 */
export function placeLabels(requests: readonly LabelRequest[], obstacles: readonly Box[], frame: Box, fontPx = 10): PlacedLabel[] {
  const placed: PlacedLabel[] = [];
  const order = [...requests].sort((a, b) => b.priority - a.priority || a.text.localeCompare(b.text));
  for (const r of order) {
    const w = textWidth(r.text, fontPx);
    const h = fontPx + 2;
    const g = r.r + 2;
    const spots: { x: number; y: number; anchor: PlacedLabel['anchor']; box: Box }[] = [
      { x: r.x + g, y: r.y + fontPx / 3, anchor: 'start', box: { x: r.x + g, y: r.y - h / 2, w, h } },
      { x: r.x - g, y: r.y + fontPx / 3, anchor: 'end', box: { x: r.x - g - w, y: r.y - h / 2, w, h } },
      { x: r.x, y: r.y - g - 2, anchor: 'middle', box: { x: r.x - w / 2, y: r.y - g - h, w, h } },
      { x: r.x, y: r.y + g + fontPx, anchor: 'middle', box: { x: r.x - w / 2, y: r.y + g, w, h } },
      { x: r.x + g * 0.7, y: r.y - g * 0.7, anchor: 'start', box: { x: r.x + g * 0.7, y: r.y - g * 0.7 - h + 2, w, h } },
      { x: r.x - g * 0.7, y: r.y - g * 0.7, anchor: 'end', box: { x: r.x - g * 0.7 - w, y: r.y - g * 0.7 - h + 2, w, h } },
      { x: r.x + g * 0.7, y: r.y + g * 0.7 + fontPx, anchor: 'start', box: { x: r.x + g * 0.7, y: r.y + g * 0.7, w, h } },
      { x: r.x - g * 0.7, y: r.y + g * 0.7 + fontPx, anchor: 'end', box: { x: r.x - g * 0.7 - w, y: r.y + g * 0.7, w, h } },
    ];
    const own: Box = { x: r.x - r.r, y: r.y - r.r, w: 2 * r.r, h: 2 * r.r };
    const spot = spots.find(
      ({ box }) =>
        box.x >= frame.x &&
        box.y >= frame.y &&
        box.x + box.w <= frame.x + frame.w &&
        box.y + box.h <= frame.y + frame.h &&
        !placed.some((p) => overlaps(p.box, box)) &&
        !obstacles.some((o) => !(o.x === own.x && o.y === own.y && o.w === own.w) && overlaps(o, box)),
    );
    if (spot) placed.push({ x: spot.x, y: spot.y, anchor: spot.anchor, text: r.text, box: spot.box });
  }
  return placed;
}

const MAP_STYLE = [
  '.lbl{font-size:10px;fill:#222;paint-order:stroke;stroke:#fff;stroke-width:3px}',
  '.leg{font-size:12px;fill:#222}',
  '.ttl{font-size:16px;font-weight:bold}',
  '.sub{font-size:12px;fill:#444}',
].join('');

interface Marker {
  code: number;
  perSeed: number;
  fill: string;
  /** Share of the marker drawn as a dark core (area ∝ share); 0 for none. */
  core: number;
  tip: string;
  /** Label text (defaults to the HQ town). */
  label?: string;
}

/** A map of Kenya with a circle per county HQ (largest drawn first), greedy labels, and a legend drawn by the caller. */
function kenyaMap(title: string, subtitle: string, markers: readonly Marker[], legend: (lx: number) => string): string {
  const { kenya, neighbours } = countryOutlines();
  const W = Math.ceil(PAD.left + MAP_W + 200);
  const H = Math.ceil(PAD.top + MAP_H + 16);
  const byCode = new Map(COUNTIES.map((c) => [c.code, c]));
  const drawn = [...markers]
    .filter((m) => m.perSeed > 0 && byCode.has(m.code))
    .sort((a, b) => b.perSeed - a.perSeed || a.code - b.code)
    .map((m) => {
      const c = byCode.get(m.code) as (typeof COUNTIES)[number];
      return { m, c, x: px(c.hq.lon), y: py(c.hq.lat), r: radius(m.perSeed) };
    });
  const circles = drawn
    .map(({ m, x, y, r }) => {
      const circle = { cx: f1(x), cy: f1(y), r: f1(r), fill: m.fill, 'fill-opacity': '0.9', stroke: '#222', 'stroke-width': '0.7' };
      const core = m.core > 0 ? tag('circle', { cx: f1(x), cy: f1(y), r: f1(r * Math.sqrt(Math.min(1, m.core))), fill: '#111' }) : '';
      return tag('circle', circle, tag('title', {}, esc(m.tip))) + core;
    })
    .join('\n    ');
  const frame: Box = { x: PAD.left, y: PAD.top, w: MAP_W, h: MAP_H };
  const obstacles = drawn.map(({ x, y, r }) => ({ x: x - r, y: y - r, w: 2 * r, h: 2 * r }));
  const labels = placeLabels(
    drawn.map(({ m, c, x, y, r }) => ({ x, y, r, text: m.label ?? c.hqTown, priority: m.perSeed })),
    obstacles,
    frame,
  )
    .map((l) => tag('text', { x: f1(l.x), y: f1(l.y), 'text-anchor': l.anchor, class: 'lbl' }, esc(l.text)))
    .join('\n    ');
  const lx = Math.round(PAD.left + MAP_W + 14);
  return `${svgOpen(W, H)}
  <style>${MAP_STYLE}</style>
  <rect width="${W}" height="${H}" fill="#ffffff"/>
  <text x="${PAD.left}" y="24" class="ttl">${esc(title)}</text>
  <text x="${PAD.left}" y="42" class="sub">${esc(subtitle)}</text>
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
  ${legend(lx)}
  <text x="${lx}" y="${H - 24}" class="sub">Outline: Natural Earth</text>
  <text x="${lx}" y="${H - 10}" class="sub">(world-atlas)</text>
</svg>
`;
}

function sizeLegend(lx: number, top: number, unit: string, values: number[]): string {
  return values
    .map((n, i) => {
      const y = top + 22 + i * 34;
      return (
        tag('circle', { cx: lx + 14, cy: y, r: f1(radius(n)), fill: 'none', stroke: '#222' }) +
        tag('text', { x: lx + 36, y: y + 4, class: 'leg' }, `${n} ${unit}`)
      );
    })
    .join('\n  ');
}

export function mapSvg(strategy: StrategyName, figures: readonly CountyFigure[], title: string): string {
  const hours = (h: number | null) => (h === null ? '∞ (unmatched)' : `${f1(h)} h`);
  const markers: Marker[] = figures.map((f) => ({
    code: f.code,
    perSeed: f.referralsPerSeed,
    fill: bandColour(f.deadlineMet),
    core: f.unmatched ?? 0,
    tip:
      `${f.name}: ${f1(f.referralsPerSeed)} referrals/run; on site before deadline ${Math.round((f.deadlineMet ?? 0) * 100)}%, ` +
      `late ${Math.round((f.late ?? 0) * 100)}%, unmatched ${Math.round((f.unmatched ?? 0) * 100)}%; ` +
      `median ${hours(f.medianSiteH)}, p90 ${hours(f.p90SiteH)} (all referrals, unmatched = ∞)`,
  }));
  const legend = (lx: number) => {
    const bands = ON_TIME_BANDS.map(
      (b, i) =>
        tag('rect', { x: lx, y: PAD.top + 26 + i * 20, width: 14, height: 14, fill: b.colour, stroke: '#222', 'stroke-width': '0.5' }) +
        tag('text', { x: lx + 20, y: PAD.top + 37 + i * 20, class: 'leg' }, esc(b.label)),
    ).join('\n  ');
    const coreTop = PAD.top + 26 + ON_TIME_BANDS.length * 20 + 16;
    const core =
      tag('circle', { cx: lx + 10, cy: coreTop + 12, r: 10, fill: '#fee08b', stroke: '#222', 'stroke-width': '0.7' }) +
      tag('circle', { cx: lx + 10, cy: coreTop + 12, r: f1(10 * Math.sqrt(0.25)), fill: '#111' }) +
      tag('text', { x: lx + 26, y: coreTop + 10, class: 'leg' }, 'dark core: share') +
      tag('text', { x: lx + 26, y: coreTop + 24, class: 'leg' }, 'unmatched (area)');
    const sizeTop = coreTop + 56;
    return (
      tag('text', { x: lx, y: PAD.top + 14, class: 'leg', 'font-weight': 'bold' }, 'On site before deadline') +
      `\n  ${bands}\n  ${core}\n  ` +
      tag('text', { x: lx, y: sizeTop, class: 'leg', 'font-weight': 'bold' }, 'Referrals per run') +
      `\n  ${sizeLegend(lx, sizeTop, 'referrals', [2, 10, 40])}`
    );
  };
  const subtitle =
    `${STRATEGY_LABEL[strategy]} — colour: share of ALL referrals on site before the deadline; ` + 'core: unmatched; area: referrals';
  return kenyaMap(title, subtitle, markers, legend);
}

const ROLE_COLOUR: Record<string, string> = { 'forensic-pathologist': '#6a3d9a', clinician: '#e31a1c', advocate: '#1f78b4' };
const ROLE_SHORT: Record<string, string> = { 'forensic-pathologist': 'pathologist', clinician: 'clinician', advocate: 'advocate' };

/** Recruitment planner map: the top candidates, circle area = late-or-unmatched referrals removed per run. */
export function recruitmentSvg(planner: PlannerData, title: string): string {
  const top = planner.candidates.slice(0, 10).filter((c) => (c.removed?.mean ?? 0) > 0);
  // One marker per county (the best candidate there); other roles in the same county go in its label.
  const byCounty = new Map<number, PlannerCandidate[]>();
  for (const c of top) byCounty.set(c.county, [...(byCounty.get(c.county) ?? []), c]);
  const markers: Marker[] = [...byCounty.values()].map((cs) => {
    const best = cs[0] as PlannerCandidate;
    const text = cs.map((c) => `+1 ${ROLE_SHORT[c.role]} ${(c.removed?.mean ?? 0).toFixed(1)}`).join(', ');
    return {
      code: best.county,
      perSeed: best.removed?.mean ?? 0,
      fill: ROLE_COLOUR[best.role] ?? '#999',
      core: 0,
      tip: `${best.name}: ${cs
        .map((c) => `one more ${ROLE_SHORT[c.role]} removes ${c.removed?.mean} late-or-unmatched referrals per run`)
        .join('; ')}`,
      label: `${best.name}: ${text}`,
    };
  });
  const legend = (lx: number) => {
    const roles = Object.keys(ROLE_COLOUR).map(
      (r, i) =>
        tag('circle', {
          cx: lx + 7,
          cy: PAD.top + 32 + i * 20,
          r: 7,
          fill: ROLE_COLOUR[r] as string,
          stroke: '#222',
          'stroke-width': '0.5',
        }) + tag('text', { x: lx + 20, y: PAD.top + 37 + i * 20, class: 'leg' }, esc(`+1 ${ROLE_SHORT[r]}`)),
    );
    const sizeTop = PAD.top + 26 + 3 * 20 + 30;
    return (
      tag('text', { x: lx, y: PAD.top + 14, class: 'leg', 'font-weight': 'bold' }, 'Role added') +
      `\n  ${roles.join('\n  ')}\n  ` +
      tag('text', { x: lx, y: sizeTop, class: 'leg', 'font-weight': 'bold' }, 'Removed per run') +
      `\n  ${sizeLegend(lx, sizeTop, 'referrals', [1, 5, 20])}`
    );
  };
  const subtitle =
    'Top candidates: late-or-unmatched referrals removed per run by ONE more volunteer ' + `(${STRATEGY_LABEL[planner.strategy]})`;
  return kenyaMap(title, subtitle, markers, legend);
}

// Colour = ordering (fixed sheet orange, nearest purple, local blue, Haki green); dashes = phone coordinator.
const STRATEGY_COLOUR: Record<StrategyName, string> = {
  'fixed-list': '#d95f02',
  'nearest-phone': '#7570b3',
  'local-phone': '#377eb8',
  'fixed-list-policy': '#d95f02',
  'nearest-policy': '#7570b3',
  'local-policy': '#377eb8',
  haki: '#1b9e77',
  'nearest-sms': '#999999',
};
const STRATEGY_DASH: Record<StrategyName, string> = {
  'fixed-list': '6 3',
  'nearest-phone': '6 3',
  'local-phone': '6 3',
  'fixed-list-policy': '',
  'nearest-policy': '',
  'local-policy': '',
  haki: '',
  'nearest-sms': '2 3',
};
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
  const legendRows = Math.ceil(Object.keys(distributions).length / 4);
  const H = top + ph + 60 + legendRows * 20 + 10;
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
  const perRow = 4;
  const legendTop = top + ph + 56;
  const legend = strategies
    .map((s, i) => {
      const x = left + (i % perRow) * 250;
      const y = legendTop + Math.floor(i / perRow) * 20;
      const stroke = { stroke: STRATEGY_COLOUR[s], 'stroke-width': '2.6', 'stroke-dasharray': STRATEGY_DASH[s] };
      return (
        tag('line', { x1: x, x2: x + 34, y1: y, y2: y, ...stroke }) +
        tag('text', { x: x + 42, y: y + 4, class: 'leg' }, esc(STRATEGY_LABEL[s]))
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
