/**
 * Writes src/map/kenya-outline.json: Kenya's outline from Natural Earth (public domain) as world-atlas
 * packages it (1:50m), the same source the simulator's maps use. Run once when the source changes:
 *   node -r @swc-node/register apps/web/scripts/kenya-outline.ts
 * The web app draws it offline with d3-geo: no map tiles from the internet.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

const KENYA = '404'; // ISO 3166-1 numeric
const topology = JSON.parse(readFileSync(require.resolve('world-atlas/countries-50m.json'), 'utf8')) as Topology;
const countries = topology.objects['countries'] as GeometryCollection;
const kenya = countries.geometries.find((geometry) => String(geometry.id) === KENYA);
if (!kenya) throw new Error('Kenya not found in world-atlas');
const outline = feature(topology, kenya);
// 3 decimals (about 100 m) is finer than the map is ever drawn.
const rounded = JSON.stringify(outline, (_key, value: unknown) => (typeof value === 'number' ? Math.round(value * 1000) / 1000 : value));
writeFileSync(join(__dirname, '../src/map/kenya-outline.json'), `${rounded}\n`);
process.stdout.write(`kenya-outline.json: ${rounded.length} bytes\n`);
