import type { Catalogue } from './fields.js';
import { PERSON_FIELDS } from './catalog-members.js';

/**
 * 发展党员 roster: one row per person with the dated steps as columns (DOMAIN.md §4). Each date
 * becomes a dev_step; the latest decides the stage.
 */
export const PIPELINE_CATALOGUE: Catalogue = {
  kind: 'pipeline',
  title: '发展党员名册',
  fields: [
    PERSON_FIELDS.name,
    PERSON_FIELDS.idNumber,
    PERSON_FIELDS.gender,
    PERSON_FIELDS.ethnicity,
    PERSON_FIELDS.birthDate,
    PERSON_FIELDS.education,
    PERSON_FIELDS.jobCategory,
    PERSON_FIELDS.phone,
    { key: 'employer', label: '工作单位', aliases: ['工作单位及职务', '单位'], kind: 'text', max: 100 },
    {
      key: 'orgId',
      label: '所在党支部',
      aliases: ['所在党组织', '所在支部', '党组织', '培养党组织', '接收申请的党组织', '党支部', '所属党组织'],
      kind: 'orgRef',
      required: true,
    },
    {
      key: 'appliedOn',
      label: '递交入党申请书日期',
      aliases: ['申请入党日期', '入党申请日期', '递交申请书日期', '申请日期', '递交入党申请日期', '提交入党申请书日期'],
      kind: 'date',
      required: true,
    },
    { key: 'talkedOn', label: '谈话日期', aliases: ['谈话时间', '派人谈话日期'], kind: 'date' },
    {
      key: 'activistOn',
      label: '确定为入党积极分子日期',
      aliases: ['确定积极分子日期', '列为积极分子日期', '确定入党积极分子日期', '积极分子确定日期'],
      kind: 'date',
    },
    { key: 'candidateOn', label: '确定为发展对象日期', aliases: ['确定发展对象日期', '列为发展对象日期', '发展对象确定日期'], kind: 'date' },
    { key: 'introducers', label: '入党介绍人', aliases: ['介绍人'], kind: 'text', max: 60, hint: '两人以“、”分隔' },
    { key: 'politicalReviewOn', label: '政审日期', aliases: ['政治审查日期', '政审时间'], kind: 'date' },
    { key: 'trainingOn', label: '集中培训日期', aliases: ['培训日期', '集中培训时间', '参加集中培训日期'], kind: 'date' },
    { key: 'trainingHours', label: '集中培训学时', aliases: ['培训学时', '学时'], kind: 'number' },
    { key: 'trainingDays', label: '集中培训天数', aliases: ['培训天数'], kind: 'number' },
    { key: 'preReviewOn', label: '预审日期', aliases: ['上级党委预审日期', '预审时间'], kind: 'date' },
    {
      key: 'branchMeetingOn',
      label: '支部大会讨论日期',
      aliases: ['支部大会日期', '接收预备党员日期', '支部大会讨论通过日期', '入党日期'],
      kind: 'date',
    },
    { key: 'approvedOn', label: '党委审批日期', aliases: ['审批日期', '上级党委审批日期'], kind: 'date' },
    { key: 'confirmedOn', label: '转正日期', aliases: ['转正时间', '转为正式党员日期'], kind: 'date' },
  ],
};
