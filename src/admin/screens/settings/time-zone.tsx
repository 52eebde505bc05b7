import { useMemo } from 'preact/hooks';
import { useText, type AdminText } from '../../i18n/index.js';

/** The zones this browser knows, grouped by region (Africa, America, …), UTC first. */
function zonesByRegion(): Array<[string, string[]]> {
  const groups = new Map<string, string[]>();
  for (const zone of Intl.supportedValuesOf('timeZone')) {
    const region = zone.includes('/') ? zone.split('/')[0] : 'Other';
    groups.set(region, [...(groups.get(region) ?? []), zone]);
  }
  return [['Universal', ['UTC']], ...[...groups].sort(([a], [b]) => a.localeCompare(b))];
}

/** A group's name: the region as the zones' IANA names spell it, or the two groups the admin names. */
function regionLabel(region: string, t: AdminText): string {
  return region === 'Universal' ? t.settings.universalZone : region === 'Other' ? t.settings.otherZones : region;
}

function nowIn(zone: string, language: string): string {
  try {
    // English reads day, month, year, as the admin's dates do (hooks.ts formatDate).
    return new Intl.DateTimeFormat(language === 'en' ? 'en-GB' : language, { timeZone: zone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZoneName: 'short' }).format(new Date());
  } catch {
    return '';
  }
}

/** A time zone from the list the runtime supports, with the time it is there now. */
export function TimeZonePicker({ value, onChange, fault }: { value: string; onChange(zone: string): void; fault?: string }) {
  const t = useText();
  const groups = useMemo(zonesByRegion, []);
  return (
    <div class="field">
      <label for="field-timezone">{t.settings.timeZone}</label>
      <select id="field-timezone" name="timezone" value={value} onChange={(e) => onChange(e.currentTarget.value)} aria-invalid={fault ? 'true' : undefined}>
        {groups.map(([region, zones]) => (
          <optgroup key={region} label={regionLabel(region, t)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone.replace(/_/g, ' ')}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
      <small>{t.format(t.settings.timeZoneHint, { now: nowIn(value, t.lang) })}</small>
      {fault && <small class="fault">{fault}</small>}
    </div>
  );
}
