// Finds labels in a document's lines and the values printed after them. OCR merges labels with
// values ("姓名张三"), splits them ("姓名" then "张三" on the next line), puts two fields on a line
// ("性别男民族汉") and misreads one character of a label. Every label of the document type is
// searched (including ones whose values are not wanted) so that each value ends where the next
// label starts.
import { allowedEdits, compactText, fuzzyFindAll, isChineseCharacter } from "../classify/index.js";
import type { PageText, TextLine } from "../types.js";

/** One line of a document in reading order across its pages. */
export interface SourceLine {
  /** Position in the document's line list. */
  index: number;
  page: number;
  line: TextLine;
  /** `compactText(line.text)`: NFKC, no whitespace. */
  text: string;
}

export interface LabelSpec {
  /** What the extractor asks for; several labels may share a key (synonyms). */
  key: string;
  labels: readonly string[];
  /**
   * `start`: only at the start of a line (after at most one stray character), for short labels
   * that also occur inside values (名称, 类型). Default `anywhere`.
   */
  where?: "start" | "anywhere";
}

export interface LabelHit {
  key: string;
  label: string;
  /** SourceLine index. */
  line: number;
  start: number;
  end: number;
  /** 0 exact, 1 one OCR edit away. */
  distance: number;
}

export interface LabelValue {
  key: string;
  hit: LabelHit;
  /** The value as read (compact), separators at its edges removed; may be empty. */
  value: string;
  /** The label's line, plus the next line when the value was printed there. */
  lines: SourceLine[];
  fromNextLine: boolean;
}

export interface LabelReading {
  lines: readonly SourceLine[];
  /** Every value of a key, in reading order. */
  values(key: string): LabelValue[];
  /** The first value of a key that is not empty, else the first one. */
  first(key: string): LabelValue | undefined;
  /** The label hits on one line, left to right. */
  hitsOn(line: number): LabelHit[];
}

/** The lines of the given pages (in page order), compacted, with empty lines left out. */
export function toSourceLines(pages: readonly PageText[]): SourceLine[] {
  const lines: SourceLine[] = [];
  for (const page of [...pages].sort((a, b) => a.page - b.page))
    for (const line of page.lines) {
      const text = compactText(line.text);
      if (text.length > 0) lines.push({ index: lines.length, page: page.page, line, text });
    }
  return lines;
}

const LEADING_NOISE = /^[:;,.。、|_\-~'"·*>»)\]}]+/;
const TRAILING_NOISE = /[:;,。、|_~'"`*<«([{]+$/;

/** Removes separators and border marks at the edges of a value. */
export function trimValue(value: string): string {
  let text = value;
  for (;;) {
    const next = text.replace(LEADING_NOISE, "").replace(TRAILING_NOISE, "");
    if (next === text) return text;
    text = next;
  }
}

interface SearchForm {
  /** The line without punctuation, which OCR sprinkles inside labels (名，称, 住”所). */
  text: string;
  /** Index in the line of each character of `text`. */
  map: number[];
}

const LABEL_PUNCTUATION = /[,.。、"'`:;·|_~《》<>【】[\]!?]/;

function searchForm(text: string): SearchForm {
  let stripped = "";
  const map: number[] = [];
  // UTF-16 units, like the indices values are sliced with.
  for (let index = 0; index < text.length; index++) {
    const character = text[index] as string;
    if (LABEL_PUNCTUATION.test(character)) continue;
    stripped += character;
    map.push(index);
  }
  return { text: stripped, map };
}

/** A label may sit at the line start after one stray character, or after a non-Chinese separator. */
function atLineStart(text: string, start: number): boolean {
  if (start <= 1) return true;
  const before = text[start - 1] as string;
  return !isChineseCharacter(before) && !/[\p{L}\p{N}]/u.test(before);
}

interface Candidate extends LabelHit {
  where: "start" | "anywhere";
}

const sameSpan = (a: LabelHit, b: LabelHit) =>
  a.line === b.line && a.start === b.start && a.end === b.end && a.label.length === b.label.length;

function overlaps(hits: readonly LabelHit[], candidate: LabelHit): boolean {
  return hits.some((hit) => hit.line === candidate.line && candidate.start < hit.end && hit.start < candidate.end);
}

/** Finds the labels of `specs` in `lines` and reads the value after each. */
export function readLabels(lines: readonly SourceLine[], specs: readonly LabelSpec[]): LabelReading {
  const labels = specs
    .flatMap((spec) =>
      spec.labels.map((label) => ({ key: spec.key, label: compactText(label), where: spec.where ?? "anywhere" })),
    )
    .sort((a, b) => b.label.length - a.label.length);
  const hits: LabelHit[] = [];
  const searchable = new Map(lines.map((line) => [line.index, searchForm(line.text)]));
  const toHit = (key: string, label: string, line: SourceLine, start: number, end: number, distance: number) => {
    const form = searchable.get(line.index) as SearchForm;
    return {
      key,
      label,
      line: line.index,
      start: form.map[start] as number,
      end: (form.map[end - 1] as number) + 1,
      distance,
    };
  };
  // Exact labels first, longest first, so 户主姓名 is not read as 姓名.
  for (const { key, label, where } of labels)
    for (const line of lines) {
      const form = searchable.get(line.index) as SearchForm;
      let from = 0;
      for (;;) {
        const start = form.text.indexOf(label, from);
        if (start < 0) break;
        from = start + 1;
        if (where === "start" && !atLineStart(form.text, start)) continue;
        const hit = toHit(key, label, line, start, start + label.length, 0);
        if (!overlaps(hits, hit)) hits.push(hit);
      }
    }
  // Then one-edit matches where no exact label was: the most similar first.
  const fuzzy: Candidate[] = [];
  for (const { key, label, where } of labels) {
    // One edit in two characters leaves one: 住房 is not 住址. Short labels match exactly only.
    if (label.length < 3) continue;
    for (const line of lines) {
      const form = searchable.get(line.index) as SearchForm;
      const matches = fuzzyFindAll(form.text, label, allowedEdits(label)).filter((match) => match.distance > 0);
      for (const match of matches) {
        const position = label.length <= 3 ? "start" : where;
        if (position === "start" && !atLineStart(form.text, match.start)) continue;
        fuzzy.push({ ...toHit(key, label, line, match.start, match.end, 1), where: position });
      }
    }
  }
  // Longer labels first (one edit in six characters is surer than one in three), then in-place
  // changes before dropped characters.
  fuzzy.sort(
    (a, b) =>
      b.label.length - a.label.length ||
      Math.abs(a.end - a.start - a.label.length) - Math.abs(b.end - b.start - b.label.length) ||
      a.line - b.line ||
      a.start - b.start,
  );
  for (const candidate of fuzzy) {
    // One edit from labels of two keys alike (允亲身份证件号码: 母亲… or 父亲…) says neither: the
    // reading is left to a label both share (身份证件号码) or to where the value stands.
    if (fuzzy.some((other) => other.key !== candidate.key && sameSpan(other, candidate))) continue;
    const { where: _where, ...hit } = candidate;
    // A long label one edit off may swallow a shorter exact label it contains (结婚证宇号 holds the
    // label 结婚证): the longer reading explains more of the line.
    const inside = hits.filter(
      (other) =>
        other.line === hit.line &&
        other.start >= hit.start &&
        other.end <= hit.end &&
        other.label.length < hit.label.length &&
        other.end - other.start < hit.end - hit.start &&
        hit.label.length >= 4 &&
        other.distance === 0,
    );
    if (
      overlaps(
        hits.filter((other) => !inside.includes(other)),
        hit,
      )
    )
      continue;
    for (const other of inside) hits.splice(hits.indexOf(other), 1);
    hits.push(hit);
  }

  const byLine = new Map<number, LabelHit[]>();
  for (const hit of hits) byLine.set(hit.line, [...(byLine.get(hit.line) ?? []), hit]);
  for (const list of byLine.values()) list.sort((a, b) => a.start - b.start);
  const hitsOn = (line: number) => byLine.get(line) ?? [];

  const values: LabelValue[] = [];
  for (const line of lines) {
    const lineHits = hitsOn(line.index);
    lineHits.forEach((hit, position) => {
      const next = lineHits[position + 1];
      const value = trimValue(line.text.slice(hit.end, next ? next.start : undefined));
      if (value || next) {
        values.push({ key: hit.key, hit, value, lines: [line], fromNextLine: false });
        return;
      }
      // Label at the end of its line with nothing after it: the value is on the next line, up
      // to that line's first label.
      const following = lines[line.index + 1];
      const followingHits = following ? hitsOn(following.index) : [];
      const firstHit = followingHits[0];
      if (following && (!firstHit || firstHit.start > 1)) {
        const nextValue = trimValue(following.text.slice(0, firstHit ? firstHit.start : undefined));
        if (nextValue) {
          values.push({ key: hit.key, hit, value: nextValue, lines: [line, following], fromNextLine: true });
          return;
        }
      }
      values.push({ key: hit.key, hit, value: "", lines: [line], fromNextLine: false });
    });
  }
  return {
    lines,
    values: (key) => values.filter((value) => value.key === key),
    first: (key) => {
      const all = values.filter((value) => value.key === key);
      return all.find((value) => value.value.length > 0) ?? all[0];
    },
    hitsOn,
  };
}
