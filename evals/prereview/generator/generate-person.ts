import { idNumberCheckCharacter } from "../../../src/prereview/index.js";
import { addDays, addYears, ageOn, compactDate, dateBetween, isoDate } from "./dates.js";
import type { Random } from "./random.js";
import {
  ETHNICITIES,
  GIVEN_FEMALE,
  GIVEN_MALE,
  NAME_TYPOS,
  PHONE_PREFIXES,
  REGIONS,
  type Region,
  SURNAMES,
} from "./vocabulary.js";

export type Sex = "男" | "女";

/** The back of a resident ID card: who issued it and how long it is valid. */
export interface IdCardValidity {
  issuingAuthority: string;
  validFrom: string;
  /** YYYY-MM-DD, or 长期 for long-term cards (issued at 46 or older). */
  validUntil: string;
}

export interface Person {
  name: string;
  sex: Sex;
  ethnicity: string;
  birthDate: string;
  region: Region;
  /** Full address as printed (no line breaks). */
  address: string;
  /** 出生地 as on a household register, e.g. 甘肃省兰州市. */
  birthplace: string;
  idNumber: string;
  phone: string;
  idCard: IdCardValidity;
}

export interface GeneratePersonOptions {
  sex?: Sex;
  /** Exact birth date, or a range to draw from. */
  birthDate?: string;
  bornBetween?: [string, string];
  region?: Region;
  surname?: string;
  /** The date the ID card must be valid on (or expired on, with `expiredIdCard`). */
  referenceDate?: string;
  expiredIdCard?: boolean;
  /** Shares the address (a family). */
  address?: string;
}

export function generateName(random: Random, sex: Sex, surname?: string): string {
  const given = sex === "男" ? GIVEN_MALE : GIVEN_FEMALE;
  const first = surname ?? random.pick(SURNAMES);
  const length = random.chance(0.7) ? 2 : 1;
  let name = first;
  for (let i = 0; i < length; i++) {
    let character = random.pick(given);
    while (name.endsWith(character)) character = random.pick(given);
    name += character;
  }
  return name;
}

/** The same name with one given-name character swapped for a homophone or look-alike. */
export function mistypeName(random: Random, name: string): string {
  const characters = [...name];
  const positions = characters.map((_, index) => index).filter((index) => index > 0);
  const replaceable = positions.filter((index) => NAME_TYPOS[characters[index] as string]);
  const index = replaceable.length > 0 ? random.pick(replaceable) : random.pick(positions);
  const original = characters[index] as string;
  characters[index] = NAME_TYPOS[original] ?? (original === "明" ? "鸣" : "明");
  return characters.join("");
}

export function generateAddress(random: Random, region: Region): string {
  const road = random.pick(region.roads);
  const number = random.int(1, 399);
  const building = random.chance(0.6) ? `${random.int(1, 24)}号楼` : "";
  const unit = random.chance(0.7) ? `${random.int(1, 6)}单元` : "";
  const room = `${random.int(1, 28)}${String(random.int(1, 4)).padStart(2, "0")}室`;
  return `${region.province}${region.city}${region.district}${road}${number}号${building}${unit}${room}`;
}

export function generatePhone(random: Random): string {
  return `${random.pick(PHONE_PREFIXES)}${String(random.int(0, 99_999_999)).padStart(8, "0")}`;
}

/** A GB 11643 number: region, birth date, a sequence whose last digit is odd for men, check character. */
export function generateIdNumber(random: Random, regionCode: string, birthDate: string, sex: Sex): string {
  const sequence =
    random.int(0, 99) * 10 + (sex === "男" ? random.pick([1, 3, 5, 7, 9]) : random.pick([0, 2, 4, 6, 8]));
  const first17 = `${regionCode}${compactDate(birthDate)}${String(sequence).padStart(3, "0")}`;
  return first17 + idNumberCheckCharacter(first17);
}

/** The same number with a different, wrong check character. */
export function withWrongCheckCharacter(random: Random, idNumber: string): string {
  const correct = idNumberCheckCharacter(idNumber.slice(0, 17));
  const wrong = random.pick([..."0123456789X"].filter((character) => character !== correct));
  return idNumber.slice(0, 17) + wrong;
}

/** Validity length by age at issue (居民身份证法 art. 5): under 16 5 years, 16–25 10, 26–45 20, else 长期. */
export function validityYears(ageAtIssue: number): number | "长期" {
  if (ageAtIssue < 16) return 5;
  if (ageAtIssue <= 25) return 10;
  if (ageAtIssue <= 45) return 20;
  return "长期";
}

export function issuingAuthority(region: Region): string {
  return `${region.cityShort}市公安局${region.district.replace(/区$/, "")}分局`;
}

/**
 * A card valid on `on` (or, with `expired`, one that ran out 1–30 months before it), its period
 * following the age rule. Second-generation cards date from 2004, so earlier issues are avoided.
 */
export function generateIdCardValidity(
  random: Random,
  person: { birthDate: string; region: Region },
  on: string,
  expired = false,
): IdCardValidity {
  const authority = issuingAuthority(person.region);
  if (expired) {
    const until = addDays(on, -random.int(30, 700));
    for (const years of random.shuffle([20, 10, 5])) {
      const from = addYears(until, -years);
      if (validityYears(ageOn(person.birthDate, from)) === years && from >= "2004-01-01")
        return { issuingAuthority: authority, validFrom: from, validUntil: until };
    }
    return { issuingAuthority: authority, validFrom: addYears(until, -20), validUntil: until };
  }
  const adult = [addYears(person.birthDate, 16), "2005-01-01"].sort().at(-1) as string;
  const earliest = adult < addDays(on, -40) ? adult : person.birthDate;
  for (let attempt = 0; attempt < 60; attempt++) {
    const from = dateBetween(random.next, earliest, addDays(on, -40));
    const years = validityYears(ageOn(person.birthDate, from));
    if (years === "长期") return { issuingAuthority: authority, validFrom: from, validUntil: "长期" };
    const until = addYears(from, years);
    if (until > addDays(on, 60)) return { issuingAuthority: authority, validFrom: from, validUntil: until };
  }
  const from = addDays(on, -random.int(40, 400));
  const years = validityYears(ageOn(person.birthDate, from));
  return {
    issuingAuthority: authority,
    validFrom: from,
    validUntil: years === "长期" ? "长期" : addYears(from, years),
  };
}

export function generatePerson(random: Random, options: GeneratePersonOptions = {}): Person {
  const sex = options.sex ?? (random.chance(0.5) ? "男" : "女");
  const region = options.region ?? random.pick(REGIONS);
  const [from, to] = options.bornBetween ?? [isoDate(1960, 1, 1), isoDate(2000, 12, 31)];
  const birthDate = options.birthDate ?? dateBetween(random.next, from, to);
  const referenceDate = options.referenceDate ?? "2026-03-16";
  const partial = { birthDate, region };
  return {
    name: generateName(random, sex, options.surname),
    sex,
    ethnicity: random.weighted(ETHNICITIES),
    birthDate,
    region,
    address: options.address ?? generateAddress(random, region),
    birthplace: `${region.province}${region.city}`,
    idNumber: generateIdNumber(random, region.code, birthDate, sex),
    phone: generatePhone(random),
    idCard: generateIdCardValidity(random, partial, referenceDate, options.expiredIdCard === true),
  };
}
