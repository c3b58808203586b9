/** Vocabulary for the seeded catalog: per category, what its products are called and what their specs say. */
export interface CategoryVocabulary {
  id: string;
  name: string;
  nouns: string[];
  brands: string[];
  priceRange: [number, number];
  specs: Record<string, string[]>;
  tags: string[];
}

export const CATEGORIES: readonly CategoryVocabulary[] = [
  {
    id: 'laptops',
    name: 'Laptops',
    nouns: ['Notebook', 'Ultrabook', 'Laptop', 'Workstation', 'Chromebook'],
    brands: ['Lumen', 'Northwind', 'Arcadia', 'Kestrel'],
    priceRange: [499, 2899],
    specs: {
      processor: ['8-core 3.2 GHz', '10-core 3.6 GHz', '12-core 4.1 GHz', '6-core 2.8 GHz'],
      memory: ['8 GB', '16 GB', '32 GB', '64 GB'],
      storage: ['256 GB SSD', '512 GB SSD', '1 TB SSD', '2 TB SSD'],
      display: ['13.3" 2560x1600', '14" 2880x1800', '15.6" 1920x1080', '16" 3456x2234'],
      weight: ['1.1 kg', '1.3 kg', '1.6 kg', '2.1 kg'],
    },
    tags: ['portable', 'work', 'student', 'creator'],
  },
  {
    id: 'phones',
    name: 'Phones',
    nouns: ['Phone', 'Smartphone', 'Mini', 'Pro Max', 'Fold'],
    brands: ['Orbit', 'Lumen', 'Pinecone', 'Vela'],
    priceRange: [199, 1599],
    specs: {
      screen: ['6.1" OLED', '6.4" AMOLED', '6.7" LTPO OLED', '5.8" LCD'],
      storage: ['128 GB', '256 GB', '512 GB', '1 TB'],
      camera: ['48 MP dual', '50 MP triple', '200 MP quad', '12 MP dual'],
      battery: ['3,900 mAh', '4,500 mAh', '5,000 mAh', '5,500 mAh'],
      network: ['5G', '5G mmWave', '4G LTE'],
    },
    tags: ['5g', 'camera', 'compact', 'flagship'],
  },
  {
    id: 'audio',
    name: 'Audio',
    nouns: ['Headphones', 'Earbuds', 'Speaker', 'Soundbar', 'Turntable'],
    brands: ['Resonant', 'Bassline', 'Quietude', 'Vela'],
    priceRange: [29, 899],
    specs: {
      driver: ['10 mm dynamic', '40 mm dynamic', '50 mm planar', 'dual balanced armature'],
      battery: ['8 h', '24 h', '30 h', '40 h'],
      connectivity: ['Bluetooth 5.3', 'Bluetooth 5.0 + AUX', 'Wi-Fi + Bluetooth', 'USB-C'],
      noiseCancelling: ['active', 'adaptive', 'passive', 'none'],
    },
    tags: ['wireless', 'hi-fi', 'travel', 'party'],
  },
  {
    id: 'cameras',
    name: 'Cameras',
    nouns: ['Mirrorless Camera', 'Action Camera', 'Compact Camera', 'Lens', 'Drone'],
    brands: ['Aperture', 'Kestrel', 'Silverhalide', 'Orbit'],
    priceRange: [149, 3499],
    specs: {
      sensor: ['APS-C 26 MP', 'full frame 24 MP', 'full frame 45 MP', '1" 20 MP'],
      video: ['4K 30p', '4K 60p', '6K 30p', '8K 24p'],
      stabilisation: ['5-axis in-body', 'optical', 'electronic', 'gimbal'],
      weight: ['121 g', '450 g', '658 g', '895 g'],
    },
    tags: ['photography', 'video', 'vlogging', 'outdoor'],
  },
  {
    id: 'wearables',
    name: 'Wearables',
    nouns: ['Smartwatch', 'Fitness Band', 'Ring', 'Sport Watch', 'Smart Glasses'],
    brands: ['Pulse', 'Vela', 'Stride', 'Orbit'],
    priceRange: [49, 999],
    specs: {
      display: ['1.4" AMOLED', '1.9" OLED', 'monochrome e-ink', 'none'],
      battery: ['2 days', '7 days', '14 days', '21 days'],
      waterResistance: ['5 ATM', '10 ATM', 'IP68', 'IP67'],
      sensors: ['heart rate, SpO2', 'heart rate, GPS', 'ECG, temperature', 'accelerometer'],
    },
    tags: ['fitness', 'health', 'sleep', 'gps'],
  },
  {
    id: 'home',
    name: 'Smart Home',
    nouns: ['Thermostat', 'Doorbell', 'Light Strip', 'Hub', 'Security Camera'],
    brands: ['Hearth', 'Northwind', 'Beacon', 'Nestle Labs'],
    priceRange: [19, 449],
    specs: {
      protocol: ['Matter', 'Zigbee 3.0', 'Wi-Fi 6', 'Thread'],
      power: ['mains', 'battery', 'PoE', 'USB-C'],
      assistant: ['works with all major assistants', 'Alexa', 'Google Home', 'HomeKit'],
      warranty: ['1 year', '2 years', '3 years'],
    },
    tags: ['automation', 'energy', 'security', 'matter'],
  },
  {
    id: 'kitchen',
    name: 'Kitchen',
    nouns: ['Espresso Machine', 'Blender', 'Air Fryer', 'Kettle', 'Stand Mixer'],
    brands: ['Hearth', 'Copperpot', 'Brightline', 'Saltmarsh'],
    priceRange: [25, 1299],
    specs: {
      capacity: ['0.8 l', '1.5 l', '4.2 l', '5.5 l'],
      power: ['800 W', '1,200 W', '1,500 W', '2,200 W'],
      material: ['stainless steel', 'brushed aluminium', 'BPA-free plastic', 'borosilicate glass'],
      warranty: ['2 years', '3 years', '5 years'],
    },
    tags: ['cooking', 'coffee', 'baking', 'gift'],
  },
  {
    id: 'outdoor',
    name: 'Outdoor',
    nouns: ['Tent', 'Backpack', 'Sleeping Bag', 'Headlamp', 'Trekking Poles'],
    brands: ['Ridgeway', 'Stride', 'Alpenglow', 'Saltmarsh'],
    priceRange: [19, 799],
    specs: {
      weight: ['320 g', '1.2 kg', '2.4 kg', '3.1 kg'],
      material: ['ripstop nylon', 'recycled polyester', 'aluminium 7075', 'carbon fibre'],
      season: ['3-season', '4-season', 'summer'],
      capacity: ['1 person', '2 persons', '28 l', '45 l'],
    },
    tags: ['hiking', 'camping', 'ultralight', 'travel'],
  },
  {
    id: 'books',
    name: 'Books',
    nouns: ['Handbook', 'Field Guide', 'Cookbook', 'Novel', 'Atlas'],
    brands: ['Quarto Press', 'Marginalia', 'Inkwell House', 'Folio & Sons'],
    priceRange: [9, 79],
    specs: {
      format: ['hardcover', 'paperback', 'e-book', 'audiobook'],
      pages: ['192', '320', '448', '612'],
      language: ['English', 'French', 'German', 'Spanish'],
      edition: ['first', 'second', 'revised', 'anniversary'],
    },
    tags: ['bestseller', 'reference', 'gift', 'new-release'],
  },
  {
    id: 'toys',
    name: 'Toys & Games',
    nouns: ['Building Set', 'Board Game', 'Puzzle', 'Robot Kit', 'Plush'],
    brands: ['Brightline', 'Marblerun', 'Tinker & Co', 'Pinecone'],
    priceRange: [12, 249],
    specs: {
      ages: ['3+', '6+', '8+', '12+'],
      pieces: ['48', '250', '1,000', '2,500'],
      players: ['1', '2-4', '2-6', '3-8'],
      batteries: ['not required', '2x AA included', 'rechargeable'],
    },
    tags: ['family', 'stem', 'gift', 'creative'],
  },
];

export const ADJECTIVES = [
  'Aero',
  'Nova',
  'Edge',
  'Core',
  'Flex',
  'Prime',
  'Zen',
  'Terra',
  'Luxe',
  'Swift',
  'Echo',
  'Halo',
];

export const DESCRIPTION_OPENERS = [
  'Designed for everyday reliability,',
  'Built around feedback from thousands of customers,',
  'Our most refined model yet,',
  'A thoughtful upgrade over its predecessor,',
  'Compact, durable and easy to live with,',
  'Made to last with premium materials,',
];

export const DESCRIPTION_BODIES = [
  'balances performance and efficiency so you can focus on what matters instead of the settings menu.',
  'combines a clean design with the details you notice after a week of use: quiet, cool and consistent.',
  'brings flagship features to a friendlier price and ships with everything you need in the box.',
  'adapts to the way you work and play, and it keeps getting better with regular free updates.',
  'was tested in real homes and offices for months before release, and it shows in every detail.',
];

export const DESCRIPTION_CLOSERS = [
  'Backed by our hassle-free returns and a warranty that actually covers what breaks.',
  'Free delivery on orders over 50 EUR, with recycled packaging and no single-use plastic.',
  'Pairs well with the rest of the range; see related products for matching accessories.',
  'Rated highly by reviewers for build quality, support and value over the long term.',
];

export const DESCRIPTION_DETAILS = [
  'Setup takes minutes: unpack it, follow the printed quick-start card and you are ready to go, no account required.',
  'Every unit is inspected before it leaves the warehouse, and spare parts stay available for at least seven years.',
  'The finish resists scratches and fingerprints, and the packaging is fully recyclable with no single-use plastic.',
  'Independent labs measured its energy use well below the category average, which keeps running costs low.',
];
