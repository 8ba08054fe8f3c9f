/** Coordinates with their accuracy and a map link (OpenStreetMap, opened in a new tab). */
export function GpsValue({ gps, time }: { gps: { lat: number; lon: number; accuracyM: number | null } | null; time?: string | null }) {
  if (!gps) return null;
  const map = `https://www.openstreetmap.org/?mlat=${gps.lat}&mlon=${gps.lon}#map=19/${gps.lat}/${gps.lon}`;
  return (
    <span>
      {gps.lat.toFixed(6)}, {gps.lon.toFixed(6)}
      {gps.accuracyM !== null ? ` (±${Math.round(gps.accuracyM)} m)` : ""}{" "}
      <a href={map} target="_blank" rel="noopener noreferrer" className="text-brand-700 underline">
        map
      </a>
      {time ? <span className="block text-xs text-slate-500">GPS fix {time}</span> : null}
    </span>
  );
}
