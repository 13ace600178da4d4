import { CREDIT_CODE_ALPHABET, creditCodeCheckCharacter } from "../../../src/prereview/index.js";
import { addDays, addYears, dateBetween } from "./dates.js";
import type { Random } from "./random.js";
import {
  BANKS,
  COMPANY_BRANDS,
  COMPANY_INDUSTRIES,
  COMPANY_TYPES,
  REGIONS,
  REGISTERED_CAPITALS,
  type Region,
} from "./vocabulary.js";

export interface Company {
  companyName: string;
  creditCode: string;
  companyType: string;
  registeredCapital: string;
  establishedDate: string;
  /** YYYY-MM-DD or 长期. */
  businessTermUntil: string;
  address: string;
  businessScope: string;
  region: Region;
  /** 登记机关, printed beside the seal. */
  registrationAuthority: string;
}

/** GB 11714 organisation code check character (the 9th character of the organisation code). */
export function organisationCodeCheckCharacter(first8: string): string {
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const character = first8[i] as string;
    const value = /\d/.test(character) ? Number(character) : character.charCodeAt(0) - 55;
    sum += value * (weights[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? "X" : check === 11 ? "0" : String(check);
}

/** 91 (enterprise, company) + region + MA-style organisation code + GB 32100 check character. */
export function generateCreditCode(random: Random, regionCode: string): string {
  let body = "MA";
  for (let i = 0; i < 6; i++) body += random.pick([...CREDIT_CODE_ALPHABET]);
  const organisation = body + organisationCodeCheckCharacter(body);
  const first17 = `91${regionCode}${organisation}`;
  return first17 + creditCodeCheckCharacter(first17);
}

export function withWrongCreditCheckCharacter(random: Random, creditCode: string): string {
  const correct = creditCodeCheckCharacter(creditCode.slice(0, 17));
  return creditCode.slice(0, 17) + random.pick([...CREDIT_CODE_ALPHABET].filter((character) => character !== correct));
}

export function generateCompany(random: Random, options: { region?: Region; referenceDate?: string } = {}): Company {
  const region = options.region ?? random.pick(REGIONS);
  const [industry, scope] = random.pick(COMPANY_INDUSTRIES);
  const referenceDate = options.referenceDate ?? "2026-03-16";
  const establishedDate = dateBetween(random.next, "2008-01-01", addDays(referenceDate, -200));
  const longTerm = random.chance(0.65);
  return {
    companyName: `${region.cityShort}${random.pick(COMPANY_BRANDS)}${industry}有限公司`,
    creditCode: generateCreditCode(random, region.code),
    companyType: random.pick(COMPANY_TYPES),
    registeredCapital: random.pick(REGISTERED_CAPITALS),
    establishedDate,
    businessTermUntil: longTerm ? "长期" : addDays(addYears(establishedDate, random.pick([20, 30, 50])), -1),
    address: companyAddress(random, region),
    businessScope: `一般项目：${scope}。（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）`,
    region,
    registrationAuthority: `${region.cityShort}市${region.district}市场监督管理局`,
  };
}

function companyAddress(random: Random, region: Region): string {
  const floor = random.int(1, 30);
  const room = random.chance(0.5) ? `${floor}层${floor}${String(random.int(1, 20)).padStart(2, "0")}室` : "";
  return `${region.province}${region.city}${region.district}${random.pick(region.roads)}${random.int(1, 399)}号${room}`;
}

/** Luhn check digit of the digits given. */
export function luhnCheckDigit(digits: string): string {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let value = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 0) {
      value *= 2;
      if (value > 9) value -= 9;
    }
    sum += value;
  }
  return String((10 - (sum % 10)) % 10);
}

export interface BankCard {
  bankName: string;
  cardNumber: string;
  /** MM/YY printed on the card. */
  validThru: string;
}

export function generateBankCard(random: Random): BankCard {
  const bank = random.pick(BANKS);
  let body = random.pick(bank.bins);
  while (body.length < bank.length - 1) body += String(random.int(0, 9));
  return {
    bankName: bank.name,
    cardNumber: body + luhnCheckDigit(body),
    validThru: `${String(random.int(1, 12)).padStart(2, "0")}/${random.int(28, 36)}`,
  };
}

/** 社会保障卡卡号: a letter and 8 digits. */
export function generateSocialSecurityCardNumber(random: Random): string {
  return `${random.pick([..."ABCDEFGHJKLMNPQRSTUWXY"])}${String(random.int(0, 99_999_999)).padStart(8, "0")}`;
}

/** 出生医学证明编号: a letter and 9 digits, e.g. Q620123456. */
export function generateBirthCertificateNumber(random: Random, regionCode: string): string {
  return `${random.pick(["P", "Q", "R", "S"])}${regionCode.slice(0, 2)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
}

/** 结婚证字号: J + registering office code + year + serial, e.g. J620102-2019-001234. */
export function generateMarriageCertificateNumber(
  random: Random,
  regionCode: string,
  registrationDate: string,
): string {
  return `J${regionCode}-${registrationDate.slice(0, 4)}-${String(random.int(1, 9999)).padStart(6, "0")}`;
}
