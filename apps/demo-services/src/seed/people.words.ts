/** Vocabulary for seeded users and devices. */
export const FIRST_NAMES = [
  'Carol',
  'Dave',
  'Erin',
  'Frank',
  'Grace',
  'Heidi',
  'Ivan',
  'Judy',
  'Mallory',
  'Niaj',
  'Olivia',
  'Peggy',
  'Rupert',
  'Sybil',
  'Trent',
  'Uma',
  'Victor',
  'Walter',
  'Xena',
  'Yusuf',
  'Zoe',
  'Amara',
  'Bruno',
  'Chloe',
  'Diego',
  'Elif',
  'Farah',
  'Goran',
  'Hana',
  'Idris',
  'Jonas',
  'Keiko',
];

export const LAST_NAMES = [
  'Anders',
  'Baptiste',
  'Castillo',
  'Dubois',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Horvat',
  'Ivanova',
  'Jansen',
  'Kowalski',
  'Lindqvist',
  'Moreau',
  'Novak',
  'Okafor',
  'Petrov',
  'Quinn',
  'Rossi',
  'Schmidt',
  'Tanaka',
];

export const PLACES: ReadonlyArray<{ city: string; country: string; language: string; currency: string }> = [
  { city: 'London', country: 'GB', language: 'en-GB', currency: 'GBP' },
  { city: 'Manchester', country: 'GB', language: 'en-GB', currency: 'GBP' },
  { city: 'Paris', country: 'FR', language: 'fr-FR', currency: 'EUR' },
  { city: 'Lyon', country: 'FR', language: 'fr-FR', currency: 'EUR' },
  { city: 'Berlin', country: 'DE', language: 'de-DE', currency: 'EUR' },
  { city: 'Munich', country: 'DE', language: 'de-DE', currency: 'EUR' },
  { city: 'Madrid', country: 'ES', language: 'es-ES', currency: 'EUR' },
  { city: 'Amsterdam', country: 'NL', language: 'nl-NL', currency: 'EUR' },
  { city: 'Stockholm', country: 'SE', language: 'sv-SE', currency: 'SEK' },
  { city: 'Dublin', country: 'IE', language: 'en-IE', currency: 'EUR' },
];

export const STREETS = [
  'High Street',
  'Station Road',
  'Church Lane',
  'Mill Road',
  'Park Avenue',
  'Queen Street',
  'Rue des Lilas',
];

export const DEVICE_MODELS = [
  'ThermoSense T2',
  'AirQ Mini',
  'HydroTrack H1',
  'PowerMeter P3',
  'MotionEye M5',
];

export const DEVICE_LOCATIONS = [
  'Living room',
  'Kitchen',
  'Garage',
  'Greenhouse',
  'Office',
  'Basement',
  'Bedroom',
  'Server rack',
];

export const DEVICE_FEATURES = [
  'ota-updates',
  'low-power',
  'offline-buffer',
  'alerts',
  'remote-reboot',
  'calibration',
];
