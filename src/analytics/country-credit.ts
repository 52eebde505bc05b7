/**
 * The credit DB-IP's licence (CC BY 4.0) asks for on pages that show or use its country data
 * (countries.ts): the privacy page and the Stats screen link to it.
 */
export const COUNTRY_DATA_CREDIT = { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com' } as const;
