import type { Catalogue, Choice } from './fields.js';
import { YES_NO } from './fields.js';
import { PERSON_FIELDS } from './catalog-members.js';

export const RESERVE_DIRECTION_CHOICES: readonly Choice[] = [
  { value: 'secretary', label: '村党组织书记', aliases: ['书记', '村书记', '支部书记', '党支部书记', '村党支部书记', '书记后备'] },
  { value: 'director', label: '村委会主任', aliases: ['主任', '村主任', '村委主任', '村民委员会主任'] },
  { value: 'member', label: '两委委员', aliases: ['委员', '两委成员', '村两委委员', '村两委成员'] },
];

export const RESERVE_STAGE_CHOICES: readonly Choice[] = [
  { value: 'recommended', label: '推荐', aliases: ['推荐人选', '已推荐'] },
  { value: 'assessed', label: '考察', aliases: ['考察中', '已考察'] },
  { value: 'training', label: '入库培养', aliases: ['入库', '培养', '在库', '在库培养'] },
  { value: 'entered', label: '进入两委', aliases: ['已进入两委', '进入村两委'] },
  { value: 'exited', label: '调整出库', aliases: ['出库', '已出库'] },
];

/**
 * 村级后备力量 roster (DOMAIN.md §5): one row per person. The stage dates become dated stage
 * records (推荐 → 考察 → 入库培养 → 进入两委 / 调整出库); a stage the row reached without its own
 * date takes the next known date (as migration 010 carried the old rows over). 所处阶段 is read as
 * a cross-check of the dates. A member or 发展对象 of the importing unit is linked by the ID number.
 */
export const RESERVE_CATALOGUE: Catalogue = {
  kind: 'reserves',
  title: '村级后备力量名册',
  fields: [
    { ...PERSON_FIELDS.name, required: false, hint: '本单位的党员、发展对象可不填，以其名册为准' },
    PERSON_FIELDS.idNumber,
    PERSON_FIELDS.gender,
    PERSON_FIELDS.birthDate,
    PERSON_FIELDS.ethnicity,
    PERSON_FIELDS.education,
    { key: 'major', label: '专业', aliases: ['所学专业'], kind: 'text', max: 60 },
    { key: 'politicalStatus', label: '政治面貌', aliases: [], kind: 'code', codeTable: 'political-status' },
    { key: 'villageOrgId', label: '所在村', aliases: ['所在村党组织', '村党组织', '村', '村(社区)', '所在村(社区)', '村名'], kind: 'orgRef', required: true },
    { key: 'source', label: '来源类别', aliases: ['来源', '人员来源', '人员类别'], kind: 'code', codeTable: 'reserve-source' },
    { key: 'currentPost', label: '现任职务', aliases: ['现职务', '职务'], kind: 'text', max: 60 },
    { key: 'direction', label: '培养方向', aliases: ['拟培养方向', '培养岗位'], kind: 'choice', choices: RESERVE_DIRECTION_CHOICES },
    { key: 'mentor', label: '培养联系人', aliases: ['联系人', '帮带人'], kind: 'name', max: 32 },
    { key: 'stage', label: '所处阶段', aliases: ['阶段', '状态'], kind: 'choice', choices: RESERVE_STAGE_CHOICES },
    { key: 'recommendedOn', label: '推荐日期', aliases: ['推荐时间'], kind: 'date' },
    { key: 'assessedOn', label: '考察日期', aliases: ['考察时间'], kind: 'date' },
    { key: 'enteredPoolOn', label: '入库日期', aliases: ['入库时间', '纳入后备库时间'], kind: 'date' },
    { key: 'assessment', label: '考察评价', aliases: ['考察情况', '评价'], kind: 'text', max: 500 },
    { key: 'enteredCommittee', label: '是否进入两委', aliases: ['进入两委'], kind: 'boolean', choices: YES_NO },
    { key: 'enteredOn', label: '进入两委日期', aliases: ['进入两委时间'], kind: 'date' },
    { key: 'enteredPost', label: '进入两委职务', aliases: ['两委职务', '担任职务'], kind: 'text', max: 60 },
    { key: 'exitedOn', label: '出库日期', aliases: ['调整出库日期', '出库时间'], kind: 'date' },
    { key: 'exitReason', label: '出库原因', aliases: ['调整出库原因'], kind: 'text', max: 200 },
  ],
};
