import type { Catalog } from "../catalog/index.js";
import { normalizeText } from "./normalize-text.js";
import { createPinyinMatcher } from "./pinyin-matcher.js";

export interface QueryExpansion {
  /** Official terms added because the query used a colloquial word or a homophone typo for them. */
  terms: string[];
  /** Documents the query names (by name, alias, lexicon target or document number), best first. */
  documents: string[];
  /** Homophone typos recognised in the query: what was written and what was meant. */
  corrections: { written: string; meant: string }[];
}

export interface QueryExpander {
  expand(normalizedQuery: string): QueryExpansion;
}

interface Entry {
  phrase: string;
  /** For a lexicon phrase written with "…" ("爸…走了"): its parts in order, a few characters apart. */
  pattern?: RegExp;
  /** The pattern's parts as written: a query lacking one of them cannot match, without running the pattern. */
  parts?: string[];
  official: string[];
  documents: string[];
  /** A name or official term, as opposed to a colloquial or misspelt form from the lexicon. */
  canonical: boolean;
}

interface PolicyNumber {
  documentId: string;
  prefix: string;
  year: string;
  serial: string;
}

/** A policy as people refer to it by who issued it and when ("国务院2022年2月那个文件"). */
interface PolicyIssue {
  documentId: string;
  /** The issuer's name and its short forms, normalised ("甘肃省人民政府", "甘肃省政府"; "国务院办公厅", "国办"). */
  issuers: string[];
  year: string;
  /** The month, without a leading zero; undefined when the date gives none. */
  month?: string;
}

// "国发〔2024〕3号", "国发2024年3号", "国办发[2025]24号", "24号文", "3号文件".
const NUMBER_REFERENCE =
  /([\p{Script=Han}]{1,6}?发)?\s*[〔[(（]?\s*(20\d{2})?\s*[〕\])）年]?\s*(?:第\s*)?(\d{1,3})\s*号(?:文|文件)?/gu;
const PARSED_NUMBER = /^(.+?)〔(\d{4})〕(\d+)号$/u;
/** Most characters between the parts of a lexicon phrase written with "…" ("我爸上礼拜走了" for "爸…走了"). */
const GAP = 6;

/**
 * Lexicon expansion and entity mentions. Colloquial words add their official terms; names,
 * aliases, lexicon targets and document numbers mentioned in the query point at their bundles,
 * matters and policies (longer mentions first); words written with homophones of a known term
 * (社报卡) count as that term; and a query that names two or more matters of one bundle points
 * at the bundle first, since the person is describing that life event.
 */
export interface QueryExpanderOptions {
  /** Whether text is a dictionary word; real words are never taken for typos. */
  isWord?: (text: string) => boolean;
}

export function createQueryExpander(
  catalog: Pick<Catalog, "bundles" | "matters" | "lexicon"> & Partial<Pick<Catalog, "policies">>,
  options: QueryExpanderOptions = {},
): QueryExpander {
  const entries: Entry[] = [];
  const add = (phrase: string, official: string[], documents: string[], canonical = true) => {
    const normalized = normalizeText(phrase);
    if (normalized.includes("…")) {
      // A phrase ending in "$" ("妈…走的$") matches only where its last part ends a clause: 「我妈今年春天走的，」,
      // not 「我妈走的是线上申请」.
      const clauseEnd = normalized.endsWith("$");
      const parts = normalized.replace(/\$$/u, "").split("…").filter(Boolean);
      const escaped = parts.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
      if (parts.length >= 2)
        entries.push({
          phrase: normalized,
          pattern: new RegExp(
            `${escaped.join(`[^，。！？,.!?]{0,${GAP}}`)}${clauseEnd ? "(?=[，。！？,.!?；;\\s]|$)" : ""}`,
            "u",
          ),
          parts,
          official,
          documents,
          canonical,
        });
      return;
    }
    if (normalized.length >= 2) entries.push({ phrase: normalized, official, documents, canonical });
    // People leave out a name's parenthesised part: "食品经营许可" for "食品经营许可（新办）".
    const base = normalized.replace(/[（(][^）)]*[）)]/gu, "").trim();
    if (base !== normalized && base.length >= 2) entries.push({ phrase: base, official, documents, canonical });
  };
  for (const bundle of catalog.bundles.values())
    for (const name of [bundle.name, bundle.shortName, ...bundle.aliases]) add(name, [], [`bundle:${bundle.id}`]);
  for (const matter of catalog.matters.values())
    for (const name of [matter.name, ...matter.aliases]) add(name, [], [`matter:${matter.id}`]);
  const numbers: PolicyNumber[] = [];
  const issues: PolicyIssue[] = [];
  for (const policy of catalog.policies?.values() ?? []) {
    for (const name of [policy.title, ...policy.aliases]) add(name, [], [`policy:${policy.id}`]);
    const [year = "", month] = policy.date.split("-");
    issues.push({
      documentId: `policy:${policy.id}`,
      issuers: issuerForms(policy.issuer),
      year,
      month: month ? String(Number(month)) : undefined,
    });
    const parsed = policy.number ? PARSED_NUMBER.exec(policy.number) : null;
    if (parsed)
      numbers.push({
        documentId: `policy:${policy.id}`,
        prefix: parsed[1] ?? "",
        year: parsed[2] ?? "",
        serial: parsed[3] ?? "",
      });
  }
  // Every issuer's name and short forms, once: a shorter one said as the start of a longer one is the longer one's.
  const issuerNames = issues.flatMap((issue) => issue.issuers);
  for (const entry of catalog.lexicon) {
    const documents = (entry.targets ?? []).map((id) => (catalog.bundles.has(id) ? `bundle:${id}` : `matter:${id}`));
    for (const word of entry.colloquial) add(word, entry.official, documents, false);
    for (const word of entry.official) add(word, [], documents);
  }
  // Longest phrases first, so a longer mention outranks the shorter one it contains.
  entries.sort((a, b) => b.phrase.length - a.phrase.length);
  const byPhrase = new Map<string, Entry[]>();
  for (const entry of entries) byPhrase.set(entry.phrase, [...(byPhrase.get(entry.phrase) ?? []), entry]);
  // Where to look for each entry: a plain phrase by its first UTF-16 unit, so a query is compared
  // only with the phrases that start with one of its characters (testing all ~2,500 phrases against
  // every query was a quarter of an in-process search); the patterns are kept apart.
  const startingWith = new Map<string, number[]>();
  const patterned: number[] = [];
  entries.forEach((entry, index) => {
    if (entry.pattern) {
      patterned.push(index);
      return;
    }
    const first = entry.phrase[0] as string;
    const list = startingWith.get(first);
    if (list) list.push(index);
    else startingWith.set(first, [index]);
  });
  const matched = new Uint8Array(entries.length);
  const longest = Math.max(0, ...entries.map((entry) => entry.phrase.length));
  const pinyinMatcher = createPinyinMatcher(
    [...byPhrase.keys()].filter((phrase) => !phrase.includes("…")),
    { isWord: options.isWord },
  );
  const bundlesOfMatter = new Map<string, string[]>();
  for (const bundle of catalog.bundles.values())
    for (const { matterId } of bundle.matters)
      bundlesOfMatter.set(`matter:${matterId}`, [
        ...(bundlesOfMatter.get(`matter:${matterId}`) ?? []),
        `bundle:${bundle.id}`,
      ]);

  return {
    expand(normalizedQuery) {
      const terms = new Set<string>();
      const documents: string[] = [];
      const addDocument = (document: string) => {
        if (!documents.includes(document)) documents.push(document);
      };
      const use = (entry: Entry) => {
        for (const term of entry.official) if (!normalizedQuery.includes(normalizeText(term))) terms.add(term);
        for (const document of entry.documents) addDocument(document);
      };
      // The matching entries, used in the order of `entries` (longest phrase first) as before.
      const found: number[] = [];
      for (let at = 0; at < normalizedQuery.length; at++)
        for (const index of startingWith.get(normalizedQuery[at] as string) ?? []) {
          if (matched[index] || !normalizedQuery.startsWith((entries[index] as Entry).phrase, at)) continue;
          matched[index] = 1;
          found.push(index);
        }
      for (const index of patterned) {
        const entry = entries[index] as Entry;
        if (entry.parts?.every((part) => normalizedQuery.includes(part)) && entry.pattern?.test(normalizedQuery))
          found.push(index);
      }
      found.sort((a, b) => a - b);
      for (const index of found) {
        matched[index] = 0;
        use(entries[index] as Entry);
      }

      // A phrase that only points at documents (a name, an alias, an official term with its targets) said with
      // 的 put in ("医保的缴费年限" for the alias 医保缴费年限): no such phrase holds 的. Its documents only; no
      // term is added, so the search is as before.
      if (normalizedQuery.includes("的")) {
        const plain = normalizedQuery.replaceAll("的", "");
        const named = new Set(found);
        // Only phrases that span a place where 的 was taken out: the others were read above. A phrase starts at
        // most `longest` characters before such a place.
        const cuts = new Set<number>();
        let removed = 0;
        for (let at = 0; at < normalizedQuery.length; at++) if (normalizedQuery[at] === "的") cuts.add(at - removed++);
        const starts = new Set<number>();
        for (const cut of cuts) for (let at = Math.max(0, cut - longest); at < cut; at++) starts.add(at);
        for (const at of starts)
          for (const index of startingWith.get(plain[at] as string) ?? []) {
            const entry = entries[index] as Entry;
            if (named.has(index) || entry.official.length > 0 || !plain.startsWith(entry.phrase, at)) continue;
            named.add(index);
            for (const document of entry.documents) addDocument(document);
          }
      }
      for (const document of matchPolicyNumbers(normalizedQuery, numbers)) addDocument(document);
      // A policy named by its issuer and year, and only when the query names no guide of its own: "2024年国务院推的一件事，
      // 退休要带啥" asks the retirement guide.
      if (!documents.some((document) => document.startsWith("bundle:") || document.startsWith("matter:")))
        for (const document of matchPolicyIssues(normalizedQuery, issues, issuerNames)) addDocument(document);

      const typos = pinyinMatcher
        .findHomophoneTypos(normalizedQuery)
        // A typo for a phrase the query also contains correctly is no typo.
        .filter((match) => !normalizedQuery.includes(match.phrase));
      for (const match of typos) {
        terms.add(match.phrase);
        for (const entry of byPhrase.get(match.phrase) ?? []) use(entry);
      }
      const corrections = reportedCorrections(typos, byPhrase);
      const mentionedMatters = new Map<string, number>();
      for (const document of documents)
        for (const bundle of bundlesOfMatter.get(document) ?? [])
          mentionedMatters.set(bundle, (mentionedMatters.get(bundle) ?? 0) + 1);
      const impliedBundles = [...mentionedMatters]
        .filter(([, count]) => count >= 2)
        .sort((a, b) => b[1] - a[1])
        .map(([bundle]) => bundle);
      const ordered = [...impliedBundles, ...documents.filter((document) => !impliedBundles.includes(document))];
      return { terms: [...terms], documents: ordered, corrections };
    },
  };
}

/**
 * The text without its references to document numbers ("国发〔2024〕3号里…" → "里…"): once the
 * document is known, the number says nothing about which passage answers.
 */
export function stripDocumentNumbers(text: string): string {
  return text.replace(NUMBER_REFERENCE, " ").replace(/\s+/g, " ").trim();
}

function matchPolicyNumbers(query: string, numbers: PolicyNumber[]): string[] {
  const found: string[] = [];
  for (const match of query.matchAll(NUMBER_REFERENCE)) {
    const [, prefix, year, serial] = match;
    for (const number of numbers) {
      if (number.serial !== serial) continue;
      if (year && number.year !== year) continue;
      if (prefix && !prefix.endsWith(number.prefix) && !number.prefix.endsWith(prefix)) continue;
      if (!found.includes(number.documentId)) found.push(number.documentId);
    }
  }
  return found;
}

/** An issuer's name as people write it: whole, without 人民 ("甘肃省政府"), and 国办 for 国务院办公厅. */
function issuerForms(issuer: string): string[] {
  const name = normalizeText(issuer);
  const forms = new Set([name, name.replace("人民政府", "政府")]);
  if (name === "国务院办公厅") forms.add("国办");
  return [...forms].filter((form) => form.length >= 2);
}

// A year (and month) said of a document: "2022年2月", "2024年".
const YEAR_MONTH = /(20\d{2})\s*年\s*(?:(\d{1,2})\s*月)?/gu;
/** Most characters between an issuer's name and the year it is said with ("国务院在2022年发的"). */
const ISSUE_GAP = 8;
/** A word for a document, and how soon after the issuer and year it is said ("国务院2022年2月那个文件"). */
const DOCUMENT_NOUN = /(文件|意见|通知|办法|决定|方案|规定|号文)/u;
const ISSUE_NOUN_WITHIN = 6;

/**
 * Policies the query names by their issuer and year, with the month when it gives one ("国务院2022年2月那个文件" is
 * 国发〔2022〕5号; "2024年甘肃省政府发的意见" 甘政发〔2024〕20号). The issuer and the year must be said together, in
 * one clause, at most `ISSUE_GAP` characters apart, with a word for a document right after them ("甘肃省政府2024年出台的
 * 育儿补贴标准" names the subsidy, not a document); an issuer said as part of a longer one (国务院 of 国务院办公厅) is
 * that one's.
 */
function matchPolicyIssues(query: string, issues: readonly PolicyIssue[], allForms: readonly string[]): string[] {
  const years = [...query.matchAll(YEAR_MONTH)].map((match) => ({
    start: match.index ?? 0,
    end: (match.index ?? 0) + match[0].length,
    year: match[1] as string,
    month: match[2] ? String(Number(match[2])) : undefined,
  }));
  if (years.length === 0) return [];
  const found: string[] = [];
  for (const issue of issues)
    for (const form of issue.issuers)
      for (let at = query.indexOf(form); at >= 0; at = query.indexOf(form, at + 1)) {
        const end = at + form.length;
        // 国务院 said as the start of 国务院办公厅 is the office's name.
        if (
          allForms.some((other) => other.length > form.length && other.startsWith(form) && query.startsWith(other, at))
        )
          continue;
        const said = years.find(({ start, end: yearEnd, year, month }) => {
          const between = start >= end ? query.slice(end, start) : yearEnd <= at ? query.slice(yearEnd, at) : undefined;
          return (
            between !== undefined &&
            between.length <= ISSUE_GAP &&
            !/[，。！？；,.!?;]/u.test(between) &&
            year === issue.year &&
            (month === undefined || issue.month === undefined || month === issue.month)
          );
        });
        if (!said || found.includes(issue.documentId)) continue;
        // A document is named right after the issuer and that year: "那个文件", "发的意见" (not "出台的育儿补贴标准").
        const after = Math.max(end, said.end);
        if (DOCUMENT_NOUN.test(query.slice(after, after + ISSUE_NOUN_WITHIN))) found.push(issue.documentId);
      }
  return found;
}

/**
 * The corrections worth showing a person: one per misspelt word, the shortest words only
 * ("社报卡", not also "社报卡丢了"), preferring a name or official term over a colloquial form.
 */
function reportedCorrections(
  typos: { phrase: string; written: string }[],
  byPhrase: Map<string, Entry[]>,
): QueryExpansion["corrections"] {
  const best = new Map<string, { meant: string; canonical: boolean }>();
  for (const { phrase, written } of typos) {
    const canonical = (byPhrase.get(phrase) ?? []).some((entry) => entry.canonical);
    const current = best.get(written);
    if (!current || (canonical && !current.canonical)) best.set(written, { meant: phrase, canonical });
  }
  const writtenForms = [...best.keys()];
  return writtenForms
    .filter((written) => !writtenForms.some((other) => other !== written && written.includes(other)))
    .map((written) => ({ written, meant: (best.get(written) as { meant: string }).meant }));
}
