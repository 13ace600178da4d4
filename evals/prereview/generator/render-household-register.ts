// 居民户口簿: the home page (户主页) and a member's page (常住人口登记卡), as grid tables.
import { chineseDatePadded } from "./dates.js";
import { type DrawItem, type Drawing, line, rect, seal, text, wrapText } from "./drawing.js";
import type { Person } from "./generate-person.js";
import type { GeneratedDocument } from "./types.js";

// Grey hairline rules and bold labels: with dark rules tesseract dropped most cell labels and values.
const RULE = "#8a7a66";
const WIDTH = 1240;
const HEIGHT = 880;

function page(items: DrawItem[]): Drawing {
  return { width: WIDTH, height: HEIGHT, dpi: 150, background: "#f7f3e8", items };
}

export interface HouseholdHomePageData {
  householderName: string;
  householdNumber: string;
  address: string;
  registrationAuthority: string;
  issueDate: string;
}

export function renderHouseholdHomePage(data: HouseholdHomePageData): GeneratedDocument {
  const [x0, x1, x2, x3, x4] = [80, 260, 560, 760, 1160];
  const rows = [200, 310, 470, 700];
  const addressLines = wrapText(data.address, x4 - x1 - 40, 30);
  const items: DrawItem[] = [
    text(620, 120, "居民户口簿", 56, { weight: "bold", align: "center", letterSpacing: 16, color: "#5a3b1a" }),
    rect(x0, rows[0] as number, x4 - x0, (rows[3] as number) - (rows[0] as number), { stroke: RULE, lineWidth: 2 }),
    line(x0, 310, x4, 310, RULE, 1.5),
    line(x0, 470, x4, 470, RULE, 1.5),
    line(x1, 200, x1, 700, RULE, 1.5),
    line(x2, 200, x2, 310, RULE, 1.5),
    line(x3, 200, x3, 310, RULE, 1.5),
    text(110, 268, "户别", 32, { letterSpacing: 12, weight: "bold" }),
    text(290, 270, "家庭户", 34),
    text(590, 268, "户主姓名", 32, { weight: "bold" }),
    text(790, 270, data.householderName, 34),
    text(110, 380, "户号", 32, { letterSpacing: 12, weight: "bold" }),
    text(290, 382, data.householdNumber, 34),
    text(110, 560, "住址", 32, { letterSpacing: 12, weight: "bold" }),
    ...addressLines.map((part, index) => text(290, 562 + index * 48, part, 34)),
    text(110, 780, "户口登记机关", 26),
    text(110, 830, `签发日期 ${chineseDatePadded(data.issueDate)}`, 26),
    ...seal(900, 770, 90, data.registrationAuthority, "户口专用章"),
  ];
  return {
    truth: {
      documentType: "household_register",
      side: "home_page",
      fields: { householderName: data.householderName, householdType: "家庭户", address: data.address },
    },
    drawing: page(items),
  };
}

export interface HouseholdMemberPageData {
  person: Pick<Person, "name" | "sex" | "ethnicity" | "birthDate" | "birthplace" | "idNumber">;
  relation: string;
  education: string;
  maritalStatus: string;
  registrationDate: string;
}

export function renderHouseholdMemberPage(data: HouseholdMemberPageData): GeneratedDocument {
  const { person } = data;
  const rows: [string, string, string, string][] = [
    ["姓名", person.name, "户主或与户主关系", data.relation],
    ["曾用名", "", "性别", person.sex],
    ["出生地", person.birthplace, "民族", person.ethnicity],
    ["籍贯", person.birthplace, "出生日期", chineseDatePadded(person.birthDate)],
    ["公民身份号码", person.idNumber, "血型", ""],
    ["文化程度", data.education, "婚姻状况", data.maritalStatus],
    ["服务处所", "", "职业", ""],
  ];
  const [left, labelWidth, middle, right] = [60, 220, 640, 1180];
  const top = 150;
  const rowHeight = 88;
  const items: DrawItem[] = [
    text(620, 100, "常住人口登记卡", 50, { weight: "bold", align: "center", letterSpacing: 10, color: "#5a3b1a" }),
    rect(left, top, right - left, rowHeight * rows.length, { stroke: RULE, lineWidth: 2 }),
    line(left + labelWidth, top, left + labelWidth, top + rowHeight * rows.length, RULE, 1.5),
    line(middle, top, middle, top + rowHeight * rows.length, RULE, 1.5),
    line(middle + 250, top, middle + 250, top + rowHeight * rows.length, RULE, 1.5),
  ];
  rows.forEach(([label1, value1, label2, value2], index) => {
    const y = top + index * rowHeight;
    if (index > 0) items.push(line(left, y, right, y, RULE, 1.5));
    const labelSize = [...label2].length > 5 ? 24 : 30;
    items.push(
      text(left + 22, y + 56, label1, 30, { weight: "bold" }),
      text(left + labelWidth + 26, y + 58, value1, 32),
      text(middle + 22, y + 56, label2, labelSize, { weight: "bold" }),
      text(middle + 276, y + 58, value2, 32),
    );
  });
  items.push(text(680, top + rowHeight * rows.length + 60, `登记日期 ${chineseDatePadded(data.registrationDate)}`, 26));
  return {
    truth: {
      documentType: "household_register",
      side: "member_page",
      fields: {
        name: person.name,
        relation: data.relation,
        sex: person.sex,
        ethnicity: person.ethnicity,
        birthDate: person.birthDate,
        birthplace: person.birthplace,
        idNumber: person.idNumber,
      },
    },
    drawing: page(items),
  };
}
