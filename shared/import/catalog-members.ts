import type { Catalogue, Choice, FieldDef } from './fields.js';
import { YES_NO } from './fields.js';

export const MEMBER_CATEGORY_CHOICES: readonly Choice[] = [
  { value: 'formal', label: '正式党员', aliases: ['正式', '中共党员', '中共正式党员', '党员'] },
  { value: 'probationary', label: '预备党员', aliases: ['预备', '中共预备党员'] },
];

/** Fields shared by the people rosters (党员, 发展党员). */
export const PERSON_FIELDS = {
  name: { key: 'name', label: '姓名', aliases: ['党员姓名', '名字', '姓 名'], kind: 'name', required: true, max: 40 },
  idNumber: {
    key: 'idNumber',
    label: '公民身份号码',
    aliases: ['身份证号', '身份证号码', '公民身份证号', '公民身份证号码', '身份证', '证件号码', '身份证件号码'],
    kind: 'idNumber',
    required: true,
  },
  gender: { key: 'gender', label: '性别', aliases: [], kind: 'code', codeTable: 'gender' },
  ethnicity: { key: 'ethnicity', label: '民族', aliases: ['族别'], kind: 'code', codeTable: 'ethnicity' },
  birthDate: { key: 'birthDate', label: '出生日期', aliases: ['出生年月', '出生年月日', '生日', '出生时间'], kind: 'date' },
  education: { key: 'education', label: '学历', aliases: ['文化程度', '全日制学历', '最高学历'], kind: 'code', codeTable: 'education' },
  jobCategory: { key: 'jobCategory', label: '工作岗位', aliases: ['岗位', '职业', '工作岗位类别'], kind: 'code', codeTable: 'job-category' },
  phone: { key: 'phone', label: '联系电话', aliases: ['手机号码', '手机号', '手机', '电话', '联系方式', '电话号码'], kind: 'phone' },
} as const satisfies Record<string, FieldDef>;

export const MEMBER_CATALOGUE: Catalogue = {
  kind: 'members',
  title: '党员名册',
  fields: [
    PERSON_FIELDS.name,
    PERSON_FIELDS.gender,
    PERSON_FIELDS.ethnicity,
    PERSON_FIELDS.idNumber,
    PERSON_FIELDS.birthDate,
    { key: 'nativePlace', label: '籍贯', aliases: [], kind: 'text', max: 60 },
    PERSON_FIELDS.education,
    { key: 'degree', label: '学位', aliases: [], kind: 'text', max: 20 },
    {
      key: 'category',
      label: '人员类别',
      aliases: ['党员类别', '党员身份', '党籍状态', '正式/预备'],
      kind: 'choice',
      choices: MEMBER_CATEGORY_CHOICES,
      hint: '空白时按转正日期判断',
    },
    { key: 'joinedOn', label: '入党日期', aliases: ['入党时间', '加入党组织日期', '入党年月', '接收预备党员日期'], kind: 'date' },
    { key: 'confirmedOn', label: '转正日期', aliases: ['转正时间', '转为正式党员日期', '转正年月'], kind: 'date' },
    {
      key: 'orgId',
      label: '所在党组织',
      aliases: ['所在党支部', '所在支部', '党组织', '所在党组织名称', '党支部', '支部', '所属党组织', '所属支部'],
      kind: 'orgRef',
      required: true,
    },
    { key: 'partyPost', label: '党内职务', aliases: ['党内职务名称'], kind: 'text', max: 40 },
    PERSON_FIELDS.jobCategory,
    { key: 'employerPost', label: '工作单位及职务', aliases: ['工作单位', '单位及职务', '工作单位及职位'], kind: 'text', max: 100 },
    { key: 'techTitle', label: '专业技术职务', aliases: ['职称', '专业技术职称'], kind: 'text', max: 40 },
    { key: 'newStratum', label: '新社会阶层类型', aliases: ['新社会阶层'], kind: 'text', max: 40 },
    { key: 'migrantWorker', label: '是否农民工', aliases: ['农民工'], kind: 'boolean', choices: YES_NO },
    PERSON_FIELDS.phone,
    { key: 'householdReg', label: '户籍所在地', aliases: ['户籍地', '户口所在地'], kind: 'text', max: 100 },
    { key: 'residence', label: '现居住地', aliases: ['家庭住址', '住址', '现住址', '居住地'], kind: 'text', max: 100 },
    {
      key: 'gridName',
      label: '所在网格',
      aliases: ['所属网格', '报到网格', '居住网格', '所在网格单元', '到社区报到网格'],
      kind: 'text',
      max: 120,
      hint: '到社区报到的社区、网格或楼栋，须是本单位已登记的网格单元；重名时连同上级写，如“新华社区/第1网格”',
    },
    { key: 'gridRegisteredOn', label: '报到日期', aliases: ['到社区报到日期', '网格报到日期', '报到时间'], kind: 'date', hint: '空白时为导入当天' },
    { key: 'dutyPost', label: '党员设岗定责岗位', aliases: ['设岗定责', '设岗定责岗位'], kind: 'text', max: 40 },
    { key: 'modelHousehold', label: '党员示范户', aliases: ['是否党员示范户'], kind: 'boolean', choices: YES_NO },
    { key: 'mobile', label: '流动党员', aliases: ['是否流动党员'], kind: 'boolean', choices: YES_NO },
    { key: 'mobilePlace', label: '外出地点', aliases: ['流入地', '外出地'], kind: 'text', max: 100 },
    { key: 'mobileSince', label: '外出日期', aliases: ['外出时间'], kind: 'date' },
    { key: 'lostContact', label: '失联党员', aliases: ['是否失联'], kind: 'boolean', choices: YES_NO },
    { key: 'lostSince', label: '失联日期', aliases: ['失联时间'], kind: 'date' },
    { key: 'hardship', label: '困难党员', aliases: ['是否困难党员'], kind: 'boolean', choices: YES_NO },
  ],
};
