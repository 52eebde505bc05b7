import { useMemo } from 'preact/hooks';

/** The zones this browser knows, grouped by region (Africa, America, …), UTC first. */
function zonesByRegion(): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const region = zone.includes('/') ? zone.split('/')[0] : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [['Universal', ['UTC']], ...[...groups].sort(([a], [b]) => a.localeCompare(b))];
}

function nowIn(zone: string): string {
  try {
    return new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date());
  } catch {
    return '';
  }
}

/** A time zone from the list the runtime supports, with the time it is there now. */
export function TimeZonePicker({ value, onChange, fault }: { value: string; onChange(zone: string): void; fault?: string }) {
  const groups = useMemo(zonesByRegion, []);
  return (
    <div class="field">
      <label for="field-timezone">Time zone</label>
      <select id="field-timezone" name="timezone" value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-invalid={fault ? 'true' : undefined}>
        {groups.map(([region, zones]) => (
          <optgroup key={region} label={region}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <small>Dates on the site, and the times you schedule stories for, are in this zone. Now there: {nowIn(value)}</small>
      {fault && <small class="fault">{fault}</small>}
    </div>
  );
}
