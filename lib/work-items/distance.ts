// "Distance from the address" for a work item. Pruvan sends locationDifference (feet)
// for photos, CSRs and surveys; when it is missing and both the order and the item have
// GPS we compute the great-circle distance ourselves, and say so.

export type Distance = { feet: number; source: "pruvan" | "computed" };

type Point = { lat: number | null; lon: number | null };

const EARTH_RADIUS_FEET = 6_371_008.8 * 3.280839895; // mean Earth radius (IUGG), metres to feet

/** Haversine distance in feet between two coordinates in degrees. */
export function haversineFeet(aLat: number, aLon: number, bLat: number, bLon: number): number {
  const rad = (d: number) => (d * Math.PI) / 180;
  const dLat = rad(bLat - aLat);
  const dLon = rad(bLon - aLon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(aLat)) * Math.cos(rad(bLat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_FEET * Math.asin(Math.min(1, Math.sqrt(h)));
}

const valid = (p: Point): p is { lat: number; lon: number } =>
  p.lat !== null && p.lon !== null && Math.abs(p.lat) <= 90 && Math.abs(p.lon) <= 180 && !(p.lat === 0 && p.lon === 0);

export function distanceFromAddress(item: { locationDifference: number | null } & Point, order: Point): Distance | null {
  if (item.locationDifference !== null && Number.isFinite(item.locationDifference)) {
    return { feet: item.locationDifference, source: "pruvan" };
  }
  if (!valid(item) || !valid(order)) return null;
  return { feet: Math.round(haversineFeet(order.lat, order.lon, item.lat, item.lon)), source: "computed" };
}

export function describeDistance(d: Distance | null): string {
  if (!d) return "Unknown";
  const feet = d.feet >= 5280 ? `${(d.feet / 5280).toFixed(1)} mi` : `${Math.round(d.feet)} ft`;
  return d.source === "pruvan" ? `${feet} (reported by Pruvan)` : `about ${feet} (computed from GPS)`;
}
