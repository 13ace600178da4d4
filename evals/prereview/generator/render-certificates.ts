// Certificates issued by an office: 出生医学证明, 结婚证, 居民死亡医学证明（推断）书 (150 dpi pages).
import { chineseDatePadded } from "./dates.js";
import { type DrawItem, type Drawing, estimateWidth, guilloche, line, photo, rect, seal, text } from "./drawing.js";
import type { GeneratedDocument } from "./types.js";

const LABEL = "#2d4a3e";

function field(x: number, y: number, label: string, value: string, valueX: number, size = 30): DrawItem[] {
  const width = Math.max(120, estimateWidth(value, size) + 12);
  return [
    // Bold labels: regular ones beside a value were often dropped by tesseract.
    text(x, y, label, size - 2, { color: LABEL, weight: "bold" }),
    text(valueX, y, value, size),
    line(valueX - 6, y + 10, valueX + width, y + 10, "#8a9a90", 1.5),
  ];
}

export interface BirthMedicalCertificateData {
  childName: string;
  childSex: "男" | "女";
  birthDate: string;
  /** HH:MM */
  birthTime: string;
  birthPlace: string;
  motherName: string;
  motherIdNumber: string;
  motherAge: number;
  motherEthnicity: string;
  fatherName: string;
  fatherIdNumber: string;
  fatherAge: number;
  fatherEthnicity: string;
  certificateNumber: string;
  institution: string;
  issueDate: string;
  gestationWeeks: number;
  weightGrams: number;
  lengthCm: number;
}

export function renderBirthMedicalCertificate(data: BirthMedicalCertificateData): GeneratedDocument {
  const [hour, minute] = data.birthTime.split(":");
  const time = `${chineseDatePadded(data.birthDate)}${hour}时${minute}分`;
  const items: DrawItem[] = [
    ...guilloche(1400, 1000, "#e3efe6", 36, 10),
    rect(30, 30, 1340, 940, { stroke: "#5d8f72", lineWidth: 8 }),
    rect(48, 48, 1304, 904, { stroke: "#5d8f72", lineWidth: 2 }),
    text(700, 140, "出生医学证明", 64, { weight: "bold", align: "center", letterSpacing: 16, color: "#1d3b2e" }),
    text(700, 185, "Birth Certificate", 26, { align: "center", color: "#4a6a5a" }),
    text(930, 240, "出生证编号", 26, { color: LABEL }),
    text(1080, 240, data.certificateNumber, 30, { color: "#b3261e" }),
    ...field(110, 310, "新生儿姓名", data.childName, 280),
    ...field(760, 310, "性别", data.childSex, 860),
    ...field(110, 375, "出生时间", time, 280),
    ...field(110, 440, "出生孕周", `${data.gestationWeeks}周`, 280),
    ...field(480, 440, "出生体重", `${data.weightGrams}克`, 620),
    ...field(880, 440, "出生身长", `${data.lengthCm}厘米`, 1020),
    ...field(110, 505, "出生地点", data.birthPlace, 280),
    ...field(110, 570, "母亲姓名", data.motherName, 280),
    ...field(560, 570, "年龄", String(data.motherAge), 650),
    ...field(780, 570, "国籍", "中国", 870),
    ...field(1040, 570, "民族", data.motherEthnicity, 1130),
    ...field(110, 635, "母亲身份证件号码", data.motherIdNumber, 380),
    ...field(110, 700, "父亲姓名", data.fatherName, 280),
    ...field(560, 700, "年龄", String(data.fatherAge), 650),
    ...field(780, 700, "国籍", "中国", 870),
    ...field(1040, 700, "民族", data.fatherEthnicity, 1130),
    ...field(110, 765, "父亲身份证件号码", data.fatherIdNumber, 380),
    ...field(110, 830, "接生机构名称", data.institution, 320),
    text(880, 905, `签发日期 ${chineseDatePadded(data.issueDate)}`, 26, { color: LABEL }),
    ...seal(1170, 860, 85, data.institution, "出生医学证明专用章"),
  ];
  const drawing: Drawing = { width: 1400, height: 1000, dpi: 150, background: "#f6faf5", items };
  return {
    truth: {
      documentType: "birth_medical_certificate",
      side: "single",
      fields: {
        childName: data.childName,
        childSex: data.childSex,
        birthDate: data.birthDate,
        birthPlace: data.birthPlace,
        motherName: data.motherName,
        motherIdNumber: data.motherIdNumber,
        fatherName: data.fatherName,
        fatherIdNumber: data.fatherIdNumber,
        certificateNumber: data.certificateNumber,
        institution: data.institution,
      },
    },
    drawing,
  };
}

export interface Spouse {
  name: string;
  sex: "男" | "女";
  birthDate: string;
  idNumber: string;
}

export interface MarriageCertificateData {
  holderName: string;
  registrationDate: string;
  certificateNumber: string;
  husband: Spouse;
  wife: Spouse;
  /** 婚姻登记机关, e.g. 兰州市城关区民政局. */
  office: string;
}

/** The inner page of a 结婚证 booklet, portrait. */
export function renderMarriageCertificate(data: MarriageCertificateData): GeneratedDocument {
  const spouseBlock = (spouse: Spouse, y: number): DrawItem[] => [
    ...field(110, y, "姓名", spouse.name, 230),
    ...field(560, y, "性别", spouse.sex, 680),
    ...field(110, y + 60, "国籍", "中国", 230),
    ...field(560, y + 60, "出生日期", chineseDatePadded(spouse.birthDate), 700),
    ...field(110, y + 120, "身份证件号", spouse.idNumber, 290),
  ];
  const items: DrawItem[] = [
    ...guilloche(1000, 1400, "#f3dede", 34, 9),
    rect(30, 30, 940, 1340, { stroke: "#b84a4a", lineWidth: 4 }),
    text(500, 130, "结婚证", 60, { weight: "bold", align: "center", letterSpacing: 20, color: "#a52a2a" }),
    ...field(110, 230, "持证人", data.holderName, 270),
    ...field(110, 295, "登记日期", chineseDatePadded(data.registrationDate), 270),
    ...field(110, 360, "结婚证字号", data.certificateNumber, 290),
    ...field(110, 425, "备注", "", 270),
    ...seal(780, 330, 110, data.office, "婚姻登记专用章"),
    ...photo(300, 490, 200, 240),
    ...photo(500, 490, 200, 240),
    ...spouseBlock(data.husband, 800),
    ...spouseBlock(data.wife, 1030),
    text(500, 1300, "中华人民共和国民政部监制", 24, { align: "center", color: "#7a5050" }),
  ];
  const drawing: Drawing = { width: 1000, height: 1400, dpi: 150, background: "#fdf6f2", items };
  return {
    truth: {
      documentType: "marriage_certificate",
      side: "single",
      fields: {
        holderName: data.holderName,
        registrationDate: data.registrationDate,
        certificateNumber: data.certificateNumber,
        husbandName: data.husband.name,
        husbandIdNumber: data.husband.idNumber,
        wifeName: data.wife.name,
        wifeIdNumber: data.wife.idNumber,
      },
    },
    drawing,
  };
}

export interface DeathCertificateData {
  name: string;
  sex: "男" | "女";
  ethnicity: string;
  idNumber: string;
  birthDate: string;
  deathDate: string;
  deathPlace: string;
  institution: string;
  certificateNumber: string;
  cause: string;
}

export function renderDeathCertificate(data: DeathCertificateData): GeneratedDocument {
  const rows: [string, string][] = [
    ["姓名", data.name],
    ["性别", data.sex],
    ["民族", data.ethnicity],
    ["国家或地区", "中国"],
    ["身份证件类别", "居民身份证"],
    ["身份证件号码", data.idNumber],
    ["出生日期", chineseDatePadded(data.birthDate)],
    ["死亡日期", chineseDatePadded(data.deathDate)],
    ["死亡地点", data.deathPlace],
    ["死亡原因", data.cause],
    ["医疗卫生机构名称", data.institution],
  ];
  const top = 300;
  const rowHeight = 90;
  const items: DrawItem[] = [
    text(620, 150, "居民死亡医学证明（推断）书", 52, { weight: "bold", align: "center" }),
    text(1140, 230, `编号 ${data.certificateNumber}`, 26, { align: "right", color: "#b3261e" }),
    rect(100, top, 1040, rowHeight * rows.length, { stroke: "#000000", lineWidth: 2 }),
    line(420, top, 420, top + rowHeight * rows.length),
  ];
  rows.forEach(([label, value], index) => {
    const y = top + index * rowHeight;
    if (index > 0) items.push(line(100, y, 1140, y));
    items.push(text(130, y + 58, label, 30), text(450, y + 58, value, 32));
  });
  items.push(
    text(700, top + rowHeight * rows.length + 120, `填报日期 ${chineseDatePadded(data.deathDate)}`, 28),
    ...seal(960, top + rowHeight * rows.length + 260, 110, data.institution, "医学证明专用章"),
  );
  const drawing: Drawing = { width: 1240, height: 1754, dpi: 150, background: "#ffffff", items };
  return {
    truth: {
      documentType: "death_certificate",
      side: "single",
      fields: {
        name: data.name,
        sex: data.sex,
        idNumber: data.idNumber,
        deathDate: data.deathDate,
        institution: data.institution,
      },
    },
    drawing,
  };
}
