// Builds the portal's front end from the DSFR npm package, at build time, into the jar's static/vendor/ folder:
//  - dsfr/guichet.min.css: the one stylesheet of every page — DSFR's core, its colour scheme, the components whose
//    classes the templates use (with the components they depend on, as DSFR's own .package.yml files declare them, in
//    DSFR's order), and the icon rules of the fr-icon-* classes the templates use; DSFR's print rules under @media print.
//    url()s are rewritten relative to dist/ (the folder static/vendor/dsfr/ mirrors); then the rules no page can use
//    are purged (see purge() below), and the portal's own few rules appended (src/main/frontend/guichet.css, its url()s
//    relative to dist/ and hashed the same way).
//  - dsfr/guichet.module.min.js: DSFR's core script, scheme and the scripts of those components, in DSFR's order.
//  - dsfr/guichet-icons.txt: the icon classes the stylesheet has (read by a unit test against the templates).
//  - dsfr/fonts/*.woff2: DSFR's fonts cut to the Latin scripts (subset-font, from npm).
//  - a .gz and a .br next to every text file under static/vendor/ (Spring's EncodedResourceResolver serves them).
// Fails when a template names an fr-icon-* class that DSFR does not have.
// Usage: node scripts/frontend.mjs <templates dir> <static/vendor dir>
// Node's own zlib compresses (gzip level 9, brotli quality 11): no other package.
import { readFileSync, writeFileSync, readdirSync, statSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, relative, posix } from 'node:path';
import { createHash } from 'node:crypto';
import subsetFont from 'subset-font';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';

const [templates, vendor] = process.argv.slice(2);
const dist = 'node_modules/@gouvfr/dsfr/dist';
const src = 'node_modules/@gouvfr/dsfr/src/dsfr';
const out = join(vendor, 'dsfr');
mkdirSync(out, { recursive: true });

const files = (dir) => readdirSync(dir).flatMap((name) => {
  const path = join(dir, name);
  return statSync(path).isDirectory() ? files(path) : [path];
});
const read = (path) => readFileSync(path, 'utf8');
const classes = (css) => new Set(css.match(/\.fr-[a-zA-Z0-9_-]+/g)?.map((c) => c.slice(1)) ?? []);

// 1. The fr-* class names the templates write (all literal: th:classappend holds whole names).
const tokens = new Set();
for (const file of files(templates).filter((f) => f.endsWith('.html'))) {
  for (const token of read(file).match(/fr-[a-zA-Z0-9_-]+/g) ?? []) {
    tokens.add(token.replace(/-+$/, ''));
  }
}

// 2. Components: those defining a class the templates use that the core lacks, then their dependencies.
const order = [...read(join(src, 'component/main.scss')).matchAll(/@import '([a-z]+)\/main'/g)].map((m) => m[1])
  .filter((name) => existsSync(join(dist, `component/${name}/${name}.main.min.css`)));
const core = read(join(dist, 'core/core.main.min.css'));
const coreClasses = classes(core);
const componentCss = (name) => read(join(dist, `component/${name}/${name}.main.min.css`));
const dependencies = (name, kind) => {
  const yml = join(src, `component/${name}/.package.yml`);
  if (!existsSync(yml)) return [];
  const block = read(yml).split(/\n(?=\S)/).find((b) => b.startsWith(kind + ':')) ?? '';
  return [...block.matchAll(/^\s+-\s+([a-z]+)\s*$/gm)].map((m) => m[1]).filter((d) => order.includes(d));
};
const used = new Set();
const use = (name) => {
  if (used.has(name)) return;
  used.add(name);
  dependencies(name, 'style').forEach(use);
};
// A class belongs to a component when no other component's stylesheet (nor the core's) names it.
const defined = new Map(order.map((name) => [name, classes(componentCss(name))]));
const owner = (token) => {
  const names = order.filter((name) => defined.get(name).has(token));
  return coreClasses.has(token) || names.length !== 1 ? null : names[0];
};
for (const token of tokens) {
  const name = owner(token);
  if (name) use(name);
}
const components = order.filter((name) => used.has(name));
const bundled = new Set([...coreClasses, ...components.flatMap((name) => [...defined.get(name)])]);
const missing = [...tokens].filter((t) => !t.startsWith('fr-icon-') && !bundled.has(t) && /^fr-[a-z]/.test(t));
if (missing.length) console.warn(`frontend: classes of the templates that no bundled stylesheet defines: ${missing.join(' ')}`);

// 3. Icons: the rules of the fr-icon-* classes used, from DSFR's icon utility.
const iconCss = read(join(dist, 'utility/icons/icons.main.min.css'));
const iconRules = new Map();
for (const m of iconCss.matchAll(/\.(fr-icon-[a-z0-9-]+):after,\.fr-icon-[a-z0-9-]+:before\{[^}]*\}/g)) {
  iconRules.set(m[1], m[0]);
}
const icons = [...tokens].filter((t) => t.startsWith('fr-icon-') && !t.startsWith('fr-icon--')).sort();
const unknown = icons.filter((i) => !iconRules.has(i));
if (unknown.length) {
  console.error(`frontend: DSFR has no icon ${unknown.join(', ')} (used in the templates)`);
  process.exit(1);
}

// 3b. Fonts: Marianne and Spectral cut to what French and English text uses (Basic Latin, Latin-1, Œ œ Ÿ, the
// typographic spaces, dashes, quotes and ellipsis, €): from 58 KB to about 30 KB each. A character outside them (e.g.
// ł in a person's name) is drawn in the fallback font.
const LATIN = [[0x20, 0x7e], [0xa0, 0xff], [0x152, 0x153], [0x178, 0x178], [0x2c6, 0x2c6], [0x2dc, 0x2dc],
  [0x2009, 0x200b], [0x2010, 0x2026], [0x202f, 0x2030], [0x2039, 0x203a], [0x20ac, 0x20ac], [0x2122, 0x2122],
  [0x2212, 0x2212], [0xfeff, 0xfeff], [0xfffd, 0xfffd]]
  .flatMap(([from, to]) => Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i))).join('');
mkdirSync(join(out, 'fonts'), { recursive: true });
for (const font of readdirSync(join(dist, 'fonts')).filter((f) => f.endsWith('.woff2'))) {
  const bytes = readFileSync(join(dist, 'fonts', font));
  writeFileSync(join(out, 'fonts', font), await subsetFont(bytes, LATIN, { targetFormat: 'woff2' }));
}

// url(...) relative to the source file → relative to dist/ (static/vendor/dsfr/ mirrors it), with the file's content
// hash in its name as Spring's VersionResourceResolver writes it (name-<md5>.ext): the pre-compressed stylesheet is
// served as built (Spring's CssLinkResourceTransformer leaves encoded resources alone), and its font URLs must be the
// ones the pages preload.
const versioned = (path) => {
  const file = existsSync(join(out, path)) ? join(out, path) : join(dist, path);
  if (!existsSync(file)) return path;
  const md5 = createHash('md5').update(readFileSync(file)).digest('hex');
  return path.replace(/(\.[a-z0-9]+)$/, `-${md5}$1`);
};
const rebase = (css, fromDir) => css.replace(/url\((['"]?)(?!data:|https?:|\/)([^'")]+)\1\)/g,
  (_, quote, url) => `url(${quote}${versioned(posix.normalize(posix.join(fromDir, url)))}${quote})`);
const banner = (css) => css.replace(/^\/\*![\s\S]*?\*\//, '');
const head = read(join(dist, 'core/core.main.min.css')).match(/^\/\*![\s\S]*?\*\//)[0];

let css = head + '\n' + rebase(banner(core), 'core');
css += rebase(banner(read(join(dist, 'scheme/scheme.min.css'))), 'scheme');
for (const name of components) css += rebase(banner(componentCss(name)), `component/${name}`);
css += rebase(icons.map((i) => iconRules.get(i)).join(''), 'utility/icons');
const print = [join(dist, 'core/core.print.min.css'),
  ...components.map((n) => join(dist, `component/${n}/${n}.print.min.css`))].filter(existsSync);
const printCss = print.map((f) => rebase(banner(read(f)), relative(dist, dirname(f)))).join('');
if (printCss.trim()) css += `@media print{${printCss}}`;
css = purge(css) + rebase(read('src/main/frontend/guichet.css').replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s*\n\s*/g, ''), '.');
writeFileSync(join(out, 'guichet.min.css'), css);
writeFileSync(join(out, 'guichet-icons.txt'), icons.join('\n') + '\n');

// 4. Scripts: core, scheme, then the components' scripts in DSFR's order (each in its own block: they all start
// with `const e=window.dsfr`).
const scriptOrder = [...read(join(src, 'component/main.js')).matchAll(/import '\.\/([a-z]+)\/main\.js'/g)].map((m) => m[1]);
const scripted = new Set();
const script = (name) => {
  if (scripted.has(name) || !existsSync(join(dist, `component/${name}/${name}.module.min.js`))) return;
  scripted.add(name);
  dependencies(name, 'script').forEach(script);
};
components.forEach(script);
const parts = [join(dist, 'core/core.module.min.js'), join(dist, 'scheme/scheme.module.min.js'),
  ...scriptOrder.filter((n) => scripted.has(n)).map((n) => join(dist, `component/${n}/${n}.module.min.js`))];
writeFileSync(join(out, 'guichet.module.min.js'),
  parts.map((p) => `{\n${read(p).replace(/\/\/# sourceMappingURL=.*$/m, '')}\n}`).join('\n'));

// 5. Pre-compressed copies of every text file under static/vendor/.
let plain = 0, brotli = 0;
for (const file of files(vendor).filter((f) => /\.(css|js|svg|txt|json|map)$/.test(f))) {
  const bytes = readFileSync(file);
  writeFileSync(file + '.gz', gzipSync(bytes, { level: 9 }));
  const br = brotliCompressSync(bytes, { params: {
    [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } });
  writeFileSync(file + '.br', br);
  if (/guichet\.(min\.css|module\.min\.js)$/.test(file)) {
    plain += bytes.length;
    brotli += br.length;
  }
}
console.log(`frontend: ${components.length} DSFR components (${components.join(', ')}), ${icons.length} icons; `
  + `stylesheet + script ${Math.round(plain / 1024)} KB, ${Math.round(brotli / 1024)} KB in brotli`);

// The purge: a DSFR rule stays when every fr-* class its selector requires is one the pages can carry — written in a
// template, or named in DSFR's scripts, which add state classes at run time. Classes inside :not(), :is(), :where() and :has()
// are not requirements. @font-face, @keyframes and other at-rules without rules inside are kept as they are.
function purge(stylesheet) {
  const block = (name) => name.replace(/--.*$/, '');
  const kept = new Set(tokens);
  const words = new Set();
  const scriptFiles = [join(dist, 'core/core.module.min.js'), join(dist, 'scheme/scheme.module.min.js'),
    ...order.map((n) => join(dist, `component/${n}/${n}.module.min.js`)).filter(existsSync)];
  for (const file of scriptFiles) {
    for (const word of read(file).match(/[a-z][a-z0-9_-]*[a-z0-9]/g) ?? []) {
      words.add(word);
      kept.add(word.startsWith('fr-') ? word : 'fr-' + word);
    }
  }
  // A class is kept when a template or a script names it, or when it is a modifier (block--name) of a kept block whose
  // name a script holds (state classes built at run time, e.g. collapse--expanded from "collapse" and "expanded").
  const keepClass = (c) => kept.has(c) || (c.includes('--') && kept.has(block(c))
    && words.has(c.slice(c.indexOf('--') + 2)));
  const splitTop = (text, separator) => {
    const parts = [];
    let depth = 0, quote = null, start = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (quote) { if (c === '\\') i++; else if (c === quote) quote = null; continue; }
      if (c === '"' || c === "'") quote = c;
      else if (c === '(' || c === '[') depth++;
      else if (c === ')' || c === ']') depth--;
      else if (c === separator && depth === 0) { parts.push(text.slice(start, i)); start = i + 1; }
    }
    parts.push(text.slice(start));
    return parts;
  };
  const required = (selector) => {
    let s = selector, m;
    while ((m = /:(not|is|where|has)\(/.exec(s))) {
      let depth = 1, i = m.index + m[0].length;
      for (; i < s.length && depth; i++) depth += s[i] === '(' ? 1 : s[i] === ')' ? -1 : 0;
      s = s.slice(0, m.index) + s.slice(i);
    }
    return s.match(/\.fr-[a-zA-Z0-9_-]+/g)?.map((c) => c.slice(1)) ?? [];
  };
  const keepSelector = (selector) => required(selector).every(keepClass);
  // Walks one level of the stylesheet: prelude{body} pairs and statements; returns the kept text.
  const walk = (text) => {
    let result = '', i = 0;
    while (i < text.length) {
      let depth = 0, quote = null, j = i, open = -1;
      for (; j < text.length; j++) {
        const c = text[j];
        if (quote) { if (c === '\\') j++; else if (c === quote) quote = null; continue; }
        if (c === '"' || c === "'") quote = c;
        else if (c === '(') depth++;
        else if (c === ')') depth--;
        else if (depth === 0 && c === ';' && open < 0) { j++; break; }
        else if (depth === 0 && c === '{') { open = j; break; }
      }
      if (open < 0) { result += text.slice(i, j); i = j; continue; }
      let level = 1, k = open + 1;
      quote = null;
      for (; k < text.length && level; k++) {
        const c = text[k];
        if (quote) { if (c === '\\') k++; else if (c === quote) quote = null; continue; }
        if (c === '"' || c === "'") quote = c;
        else if (c === '{') level++;
        else if (c === '}') level--;
      }
      const prelude = text.slice(i, open), body = text.slice(open + 1, k - 1);
      i = k;
      const trimmed = prelude.trim();
      if (/^@(media|supports|layer|container)/.test(trimmed)) {
        const inner = walk(body);
        if (inner.trim()) result += `${prelude}{${inner}}`;
      } else if (trimmed.startsWith('@')) {
        result += `${prelude}{${body}}`;
      } else {
        const selectors = splitTop(prelude, ',').filter(keepSelector);
        if (selectors.length) result += `${selectors.join(',')}{${body}}`;
      }
    }
    return result;
  };
  return walk(stylesheet);
}
