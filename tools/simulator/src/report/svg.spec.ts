import { placeLabels, type Box } from './svg';

const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe('greedy label placement', () => {
  const frame = { x: 0, y: 0, w: 400, h: 300 };

  it('places labels without collisions, highest priority first, and drops those that do not fit', () => {
    // A tight cluster: not every label can fit.
    const requests = Array.from({ length: 12 }, (_, i) => ({
      x: 200 + (i % 4) * 6,
      y: 150 + Math.floor(i / 4) * 6,
      r: 3,
      text: `Town ${i}`,
      priority: 12 - i,
    }));
    const placed = placeLabels(requests, [], frame);
    expect(placed.length).toBeGreaterThan(0);
    expect(placed.length).toBeLessThan(requests.length);
    expect(placed[0]?.text).toBe('Town 0');
    for (let i = 0; i < placed.length; i++)
      for (let j = i + 1; j < placed.length; j++) expect(overlaps(placed[i]!.box, placed[j]!.box)).toBe(false);
    for (const p of placed) {
      expect(p.box.x).toBeGreaterThanOrEqual(0);
      expect(p.box.x + p.box.w).toBeLessThanOrEqual(400);
    }
  });

  it('moves a label off another marker, and is deterministic', () => {
    const marker = { x: 100, y: 100, r: 4, text: 'Kisumu', priority: 1 };
    const blocker: Box = { x: 106, y: 90, w: 40, h: 20 }; // right of the marker
    const [placed] = placeLabels([marker], [blocker], frame);
    expect(placed).toBeDefined();
    expect(overlaps(placed!.box, blocker)).toBe(false);
    expect(placeLabels([marker], [blocker], frame)).toEqual([placed]);
  });
});
