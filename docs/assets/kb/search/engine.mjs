// @ts-check
// Japanese search engine of the header search box: character bigrams on both the index and the query.
// Pure (no DOM, no fetch): worker.mjs feeds it the index written by macros/search_index.py.
//
// Text is normalized (NFKC, lower case, katakana folded to hiragana), cut into tokens at spaces and
// punctuation, and each token into bigrams plus single kanji (so 謝る/謝った/謝罪 share 謝). A query term scores
// by the share of its IDF-weighted features found in a field, with a bonus when it occurs verbatim; fields weigh
// aliases > page title > headings > body. Synonym groups rewrite a term (電話で謝る → 電話でお詫び) as alternatives.

/** @typedef {{anchor: string, title: string, text: string}} SectionData */
/** @typedef {{url: string, title: string, aliases: string[], sections: SectionData[]}} PageData */
/** @typedef {{synonyms: string[][], pages: PageData[]}} IndexData */
/** @typedef {{text: string, features: Set<string>}} Field */
/** @typedef {{data: SectionData, title: Field, body: Field}} Section */
/** @typedef {{data: PageData, title: Field, aliases: Field, headings: Field, sections: Section[]}} Page */
/** @typedef {{pages: Page[], synonyms: string[][], idf: Map<string, number>}} Index */
/**
 * A query word (normalized; `raw` as typed, NFKC and lower case), its features, its weight (1, or less for a synonym rewrite) and its weak features:
 * bigrams typed in hiragana inside a word that also has kanji, katakana or letters (particles, okurigana).
 * `weights` holds the weight of each feature (IDF, less for single kanji and weak bigrams), `total` their sum.
 * @typedef {{raw: string, text: string, features: string[], weight: number, weak: Set<string>, weights: number[],
 *   total: number}} Term
 */
/** @typedef {{page: Page, score: number, section: Section | null, terms: Record<string, boolean>}} Hit */
/**
 * One document of the theme's result list (a page, or a section when location has a #).
 * @typedef {{location: string, title: string, text: string, score: number, terms: Record<string, boolean>}} Item
 */

const WEIGHTS = { aliases: 5, title: 3, headings: 2, body: 1 };
const SYNONYM_WEIGHT = 0.85;
const UNIGRAM_WEIGHT = 0.3;
const SEPARATORS = /[\s\p{P}\p{S}]+/u;
const KANJI = /\p{Script=Han}/u;
const KANA_WEIGHT = 0.35;
const HIRAGANA = /^[\u3041-\u309f]+$/u;
const MIN_SCORE = 0.02;
const RELATIVE_CUTOFF = 0.12;
const SNIPPET_CHARS = 90;

/**
 * NFKC and lower case (kana kept as typed).
 * @param {string} text
 * @returns {string}
 */
function prepare(text) {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * Fold katakana to hiragana, one code unit for one (positions stay aligned).
 * @param {string} text
 * @returns {string}
 */
function fold(text) {
  return text.replace(/[\u30a1-\u30f6]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0x60));
}

/**
 * Normalize text for matching: NFKC, lower case, katakana folded to hiragana.
 * @param {string} text
 * @returns {string}
 */
export function normalize(text) {
  return fold(prepare(text));
}

/**
 * The features of normalized text: bigrams and single kanji of each token; a one-character token is itself.
 * @param {string} text normalized text
 * @returns {string[]}
 */
export function features(text) {
  /** @type {string[]} */
  const out = [];
  for (const token of text.split(SEPARATORS)) {
    const chars = Array.from(token);
    if (chars.length === 1) out.push(chars[0]);
    for (let i = 0; i + 1 < chars.length; i += 1) out.push(chars[i] + chars[i + 1]);
    if (chars.length > 1) for (const c of chars) if (KANJI.test(c)) out.push(c);
  }
  return out;
}

/**
 * @param {string} text raw text
 * @returns {Field}
 */
function field(text) {
  const norm = normalize(text);
  return { text: norm, features: new Set(features(norm)) };
}

/**
 * Prepare the index data for searching (normalized fields, feature sets, inverse document frequencies).
 * @param {IndexData} data
 * @returns {Index}
 */
export function createIndex(data) {
  const pages = data.pages.map((page) => {
    const sections = page.sections.map((s) => ({ data: s, title: field(s.title), body: field(s.text) }));
    return {
      data: page,
      title: field(page.title),
      aliases: field(page.aliases.join("\n")),
      headings: field(page.sections.map((s) => s.title).join("\n")),
      sections,
    };
  });
  /** @type {Map<string, number>} */
  const df = new Map();
  let count = 0;
  for (const page of pages) {
    for (const section of page.sections) {
      count += 1;
      for (const f of new Set([...section.title.features, ...section.body.features])) df.set(f, (df.get(f) ?? 0) + 1);
    }
  }
  /** @type {Map<string, number>} */
  const idf = new Map();
  for (const [f, n] of df) idf.set(f, Math.log(1 + count / n));
  const synonyms = data.synonyms.map((group) => group.map(prepare));
  return { pages, synonyms, idf: idf.set("", Math.log(1 + count)) };
}

/**
 * The terms of a query: its space-separated words, plus synonym rewrites of each word as weaker alternatives.
 * @param {Index} index
 * @param {string} query
 * @returns {Term[][]} one list of alternatives per word
 */
export function queryTerms(index, query) {
  const words = prepare(query)
    .split(SEPARATORS)
    .filter((w) => w.length > 0);
  return words.map((raw) => {
    const alternatives = [term(index, raw, 1)];
    const seen = new Set([fold(raw)]);
    for (const group of index.synonyms) {
      for (const member of group) {
        const at = fold(raw).indexOf(fold(member));
        if (at < 0) continue;
        for (const other of group) {
          const rewritten = raw.slice(0, at) + other + raw.slice(at + member.length);
          if (seen.has(fold(rewritten))) continue;
          seen.add(fold(rewritten));
          alternatives.push(term(index, rewritten, SYNONYM_WEIGHT));
        }
      }
    }
    return alternatives;
  });
}

/**
 * @param {Index} index
 * @param {string} raw a query word, NFKC and lower case, kana as typed
 * @param {number} weight
 * @returns {Term}
 */
function term(index, raw, weight) {
  const text = fold(raw);
  const chars = Array.from(raw);
  const folded = Array.from(text);
  const content = !HIRAGANA.test(raw);
  /** @type {Set<string>} */
  const weak = new Set();
  for (let i = 0; content && i + 1 < chars.length; i += 1) {
    if (HIRAGANA.test(chars[i] + chars[i + 1])) weak.add(folded[i] + folded[i + 1]);
  }
  const list = features(text);
  const weights = list.map((f) => weightOf(index, weak, f));
  return { raw, text, features: list, weight, weak, weights, total: weights.reduce((a, b) => a + b, 0) };
}

/**
 * @param {Index} index
 * @param {Set<string>} weak
 * @param {string} feature
 * @returns {number}
 */
function weightOf(index, weak, feature) {
  const idf = index.idf.get(feature) ?? index.idf.get("") ?? 1;
  const kana = weak.has(feature) ? KANA_WEIGHT : 1;
  return (feature.length === 1 ? idf * UNIGRAM_WEIGHT : idf) * kana;
}

/**
 * How well one term matches a field, 0..1: squared weighted coverage of its features, averaged with 1 when the
 * term occurs verbatim.
 * @param {Term} term
 * @param {Field} target
 * @returns {number}
 */
export function fieldMatch(term, target) {
  if (term.total === 0) return 0;
  let found = 0;
  for (let i = 0; i < term.features.length; i += 1) if (target.features.has(term.features[i])) found += term.weights[i];
  const coverage = found / term.total;
  // A verbatim occurrence implies every feature is present: only then scan the text.
  const verbatim = found >= term.total - 1e-9 && target.text.includes(term.text) ? 1 : 0;
  return (coverage * coverage + verbatim) / 2;
}

/**
 * Score of one term on a page: the best weighted field, plus a little for the body when a heading matched.
 * @param {Term} term
 * @param {Page} page
 * @returns {number}
 */
function termOnPage(term, page) {
  let body = 0;
  for (const section of page.sections) body = Math.max(body, fieldMatch(term, section.body));
  const best = Math.max(
    WEIGHTS.aliases * fieldMatch(term, page.aliases),
    WEIGHTS.title * fieldMatch(term, page.title),
    WEIGHTS.headings * fieldMatch(term, page.headings),
    WEIGHTS.body * body,
  );
  return (best + 0.25 * body) * term.weight;
}

/**
 * Score of one term in one section (for choosing the section shown under the page).
 * @param {Term} term
 * @param {Section} section
 * @returns {number}
 */
function termInSection(term, section) {
  const title = WEIGHTS.headings * fieldMatch(term, section.title);
  return (Math.max(title, fieldMatch(term, section.body)) + 0.25 * fieldMatch(term, section.body)) *
    term.weight;
}

/**
 * Rank the pages for a query, best first, each with its best-matching section.
 * @param {Index} index
 * @param {string} query
 * @param {number} [limit]
 * @returns {Hit[]}
 */
export function search(index, query, limit = 20) {
  const terms = queryTerms(index, query);
  if (terms.length === 0) return [];
  /** @type {Hit[]} */
  const hits = [];
  for (const page of index.pages) {
    let score = 0;
    /** @type {Record<string, boolean>} */
    const found = {};
    for (const alternatives of terms) {
      const best = Math.max(...alternatives.map((t) => termOnPage(t, page)));
      score += best;
      found[alternatives[0].raw] = best >= 0.2;  // the theme highlights these words on the opened page
    }
    score /= terms.length;
    if (score >= MIN_SCORE) hits.push({ page, score, section: null, terms: found });
  }
  hits.sort((a, b) => b.score - a.score);
  const top = hits.length ? hits[0].score : 0;
  const kept = hits.filter((h) => h.score >= top * RELATIVE_CUTOFF).slice(0, limit);
  for (const hit of kept) hit.section = bestSection(terms, hit.page);
  return kept;
}

/**
 * @param {Term[][]} terms
 * @param {Page} page
 * @returns {Section | null}
 */
function bestSection(terms, page) {
  let best = null;
  let bestScore = 0;
  for (const section of page.sections) {
    let score = 0;
    for (const alternatives of terms) score += Math.max(...alternatives.map((t) => termInSection(t, section)));
    if (score > bestScore) {
      best = section;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Escape text for HTML.
 * @param {string} text
 * @returns {string}
 */
export function escapeHtml(text) {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Escape text and wrap the runs of characters covered by a query bigram (or a one-character query) in <mark>.
 * @param {string} text raw text
 * @param {Set<string>} marks normalized bigrams and one-character terms of the query
 * @returns {string}
 */
export function highlight(text, marks) {
  const chars = Array.from(text);
  const norm = chars.map((c) => normalize(c));
  const on = new Array(chars.length).fill(false);
  for (let i = 0; i < chars.length; i += 1) {
    if (marks.has(norm[i])) on[i] = true;
    if (i + 1 < chars.length && marks.has(norm[i] + norm[i + 1])) on[i] = on[i + 1] = true;
  }
  let html = "";
  for (let i = 0; i < chars.length; i += 1) {
    if (on[i] && !on[i - 1]) html += "<mark>";
    html += escapeHtml(chars[i]);
    if (on[i] && !on[i + 1]) html += "</mark>";
  }
  return html;
}

/**
 * The part of a text around its first highlighted feature, about SNIPPET_CHARS characters long.
 * @param {string} text
 * @param {Set<string>} marks
 * @returns {string}
 */
export function snippet(text, marks) {
  const chars = Array.from(text);
  let first = 0;
  for (let i = 0; i < chars.length; i += 1) {
    const pair = normalize(chars[i] + (chars[i + 1] ?? ""));
    if (marks.has(pair) || marks.has(normalize(chars[i]))) {
      first = i;
      break;
    }
  }
  const start = Math.max(0, first - 20);
  const part = chars.slice(start, start + SNIPPET_CHARS).join("");
  return (start > 0 ? "…" : "") + part + (start + SNIPPET_CHARS < chars.length ? "…" : "");
}

/**
 * The highlight marks of a query: bigrams of all its terms and synonym rewrites, and its one-character words.
 * @param {Index} index
 * @param {string} query
 * @returns {Set<string>}
 */
export function queryMarks(index, query) {
  const marks = new Set();
  for (const alternatives of queryTerms(index, query)) {
    for (const term of alternatives) {
      for (const f of term.features) if (f.length === 2 || term.text.length === 1) marks.add(f);
    }
  }
  return marks;
}

/**
 * The result of a query in the shape the theme renders: per page, the page and its best section.
 * @param {Index} index
 * @param {string} query
 * @returns {{items: Item[][]}}
 */
export function themeResult(index, query) {
  const marks = queryMarks(index, query);
  const items = search(index, query).map(({ page, score, section, terms }) => {
    const onTop = section === null || section.data.anchor === "";
    const text = section ? highlight(snippet(section.data.text, marks), marks) : "";
    /** @type {Item[]} */
    const group = [
      { location: page.data.url, title: highlight(page.data.title, marks), text: onTop ? text : "", score, terms },
    ];
    if (section && !onTop) {
      const location = `${page.data.url}#${section.data.anchor}`;
      group.push({ location, title: highlight(section.data.title, marks), text, score, terms });
    }
    return group;
  });
  return { items };
}
