// Word lists for plausible people, places and companies. Administrative division codes are the
// real GB/T 2260 codes of the districts named, so ID numbers and credit codes carry a true region.

export const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高", "林", "罗",
  "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁", "潘", "于", "蒋", "蔡",
  "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔", "钟", "谭", "陆", "汪", "范", "金",
  "石", "廖", "贾", "夏", "付", "方", "白", "邹", "孟", "熊", "秦", "邱", "江", "尹", "薛", "段", "雷", "侯", "龙", "史",
] as const;

export const GIVEN_MALE = [
  "伟", "强", "磊", "军", "勇", "杰", "涛", "明", "超", "刚", "平", "辉", "鹏", "华", "飞", "斌", "波", "宇", "浩", "凯",
  "健", "俊", "帆", "建", "国", "峰", "志", "文", "海", "林", "晨", "博", "成", "东", "亮", "龙", "振", "兴", "宏", "德",
] as const;

export const GIVEN_FEMALE = [
  "芳", "娜", "敏", "静", "丽", "艳", "娟", "霞", "燕", "玲", "桂", "英", "秀", "兰", "萍", "红", "梅", "琳", "雪", "慧",
  "婷", "颖", "倩", "洁", "琴", "云", "莉", "欣", "佳", "悦", "晓", "月", "玉", "珍", "春", "凤", "蓉", "丹", "雯", "璐",
] as const;

/** Characters and a homophone or look-alike, for a name mistyped on a form. */
export const NAME_TYPOS: Record<string, string> = {
  伟: "玮", 强: "蔷", 磊: "垒", 军: "君", 勇: "永", 杰: "洁", 涛: "韬", 明: "铭", 超: "朝", 刚: "钢",
  平: "萍", 辉: "晖", 鹏: "朋", 华: "桦", 飞: "菲", 斌: "彬", 波: "博", 宇: "雨", 浩: "皓", 凯: "锴",
  芳: "方", 娜: "纳", 敏: "民", 静: "婧", 丽: "莉", 艳: "燕", 娟: "鹃", 霞: "侠", 玲: "龄", 英: "瑛",
  秀: "绣", 兰: "岚", 红: "虹", 梅: "玫", 琳: "林", 雪: "薛", 慧: "惠", 婷: "亭", 颖: "影", 洁: "杰",
};

export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ["汉", 88],
  ["回", 4],
  ["藏", 2],
  ["满", 1],
  ["蒙古", 1],
  ["东乡", 1],
  ["土", 1],
  ["壮", 1],
  ["维吾尔", 1],
];

export interface Region {
  /** GB/T 2260 code of the district. */
  code: string;
  province: string;
  city: string;
  district: string;
  /** Without the province prefix, e.g. 兰州 (for company names and authorities). */
  cityShort: string;
  roads: readonly string[];
  hospitals: readonly string[];
}

export const REGIONS: readonly Region[] = [
  {
    code: "620102", province: "甘肃省", city: "兰州市", district: "城关区", cityShort: "兰州",
    roads: ["庆阳路", "东岗西路", "张掖路", "南昌路", "雁滩路", "平凉路", "酒泉路", "天水南路"],
    hospitals: ["兰州大学第一医院", "甘肃省妇幼保健院", "兰州市第一人民医院"],
  },
  {
    code: "620103", province: "甘肃省", city: "兰州市", district: "七里河区", cityShort: "兰州",
    roads: ["西津西路", "建兰路", "敦煌路", "西站东路", "五里铺路"],
    hospitals: ["兰州大学第二医院", "甘肃省妇幼保健院", "兰州市第二人民医院"],
  },
  {
    code: "620105", province: "甘肃省", city: "兰州市", district: "安宁区", cityShort: "兰州",
    roads: ["安宁西路", "北滨河西路", "万新路", "银安路"],
    hospitals: ["兰州市第一人民医院", "甘肃省妇幼保健院"],
  },
  {
    code: "510107", province: "四川省", city: "成都市", district: "武侯区", cityShort: "成都",
    roads: ["人民南路", "科华北路", "武侯祠大街", "玉林北路", "一环路南三段"],
    hospitals: ["四川大学华西第二医院", "成都市妇女儿童中心医院"],
  },
  {
    code: "350102", province: "福建省", city: "福州市", district: "鼓楼区", cityShort: "福州",
    roads: ["五四路", "杨桥中路", "湖东路", "铜盘路", "乌山路"],
    hospitals: ["福建省妇幼保健院", "福建医科大学附属第一医院"],
  },
  {
    code: "440106", province: "广东省", city: "广州市", district: "天河区", cityShort: "广州",
    roads: ["天河北路", "体育西路", "中山大道西", "黄埔大道西", "林和西路"],
    hospitals: ["广州市妇女儿童医疗中心", "广东省妇幼保健院"],
  },
  {
    code: "130102", province: "河北省", city: "石家庄市", district: "长安区", cityShort: "石家庄",
    roads: ["中山东路", "建设北大街", "广安大街", "谈固南大街"],
    hospitals: ["河北省人民医院", "石家庄市妇产医院"],
  },
];

export const PHONE_PREFIXES = [
  "138", "139", "137", "135", "136", "150", "151", "152", "158", "159", "186", "187", "188", "189", "177", "180", "181",
  "133", "153", "199", "131", "132", "155", "156", "185",
] as const;

export const COMPANY_BRANDS = [
  "恒信", "金城", "陇原", "瑞丰", "宏达", "鑫源", "华泰", "博远", "正和", "天成", "中合", "新宇", "德润", "嘉禾", "远航",
  "汇通", "明辉", "广联", "同创", "锦程",
] as const;

export const COMPANY_INDUSTRIES: readonly (readonly [string, string])[] = [
  ["商贸", "日用百货、五金交电、建筑材料的批发零售"],
  ["科技", "软件开发；信息技术咨询服务；计算机系统服务"],
  ["餐饮管理", "餐饮服务；餐饮管理；食品销售"],
  ["建筑工程", "建设工程施工；建筑装饰装修工程设计与施工"],
  ["信息技术", "信息系统集成服务；数据处理和存储支持服务"],
  ["文化传媒", "广告设计、制作、代理；组织文化艺术交流活动"],
  ["物流", "道路货物运输；普通货物仓储服务；国内货物运输代理"],
  ["农业开发", "农产品的生产、销售、加工、运输、贮藏"],
];

export const COMPANY_TYPES = [
  "有限责任公司（自然人投资或控股）",
  "有限责任公司（自然人独资）",
  "有限责任公司（非自然人投资或控股的法人独资）",
  "股份有限公司（非上市、自然人投资或控股）",
] as const;

export const REGISTERED_CAPITALS = ["叁拾万元整", "伍拾万元整", "壹佰万元整", "贰佰万元整", "伍佰万元整", "壹仟万元整"] as const;

export const BANKS: readonly { name: string; bins: readonly string[]; length: number }[] = [
  { name: "中国工商银行", bins: ["622202", "621226", "621558"], length: 19 },
  { name: "中国建设银行", bins: ["621700", "622700", "436742"], length: 19 },
  { name: "中国农业银行", bins: ["622848", "622845", "622827"], length: 19 },
  { name: "中国银行", bins: ["621661", "621785", "601382"], length: 19 },
  { name: "交通银行", bins: ["622262", "622258"], length: 19 },
  { name: "招商银行", bins: ["622588", "621286", "621485"], length: 16 },
  { name: "甘肃银行", bins: ["623133"], length: 19 },
];
