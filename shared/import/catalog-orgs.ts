import type { Catalogue } from './fields.js';
import { YES_NO } from './fields.js';

/** 党组织 roster, one row per organisation naming its parent (resolved in the file or the ledger). */
export const ORG_CATALOGUE: Catalogue = {
  kind: 'orgs',
  title: '党组织',
  fields: [
    { key: 'name', label: '党组织名称', aliases: ['组织名称', '党组织全称', '全称', '名称', '党组织'], kind: 'text', required: true, max: 100 },
    { key: 'shortName', label: '简称', aliases: ['党组织简称', '组织简称'], kind: 'text', max: 60 },
    { key: 'kind', label: '组织类别', aliases: ['党组织类别', '类别', '组织类型'], kind: 'code', codeTable: 'org-kind', required: true },
    { key: 'parentId', label: '上级党组织', aliases: ['上级组织', '上级', '上级党组织名称', '隶属党组织'], kind: 'orgRef', hint: '空白时为导入单位' },
    { key: 'unitCategory', label: '单位类别', aliases: ['所在单位类别', '单位性质'], kind: 'code', codeTable: 'unit-category' },
    { key: 'foundedOn', label: '成立日期', aliases: ['成立时间'], kind: 'date' },
    { key: 'contactPerson', label: '联系人', aliases: [], kind: 'text', max: 32 },
    { key: 'phone', label: '联系电话', aliases: ['电话', '联系方式'], kind: 'phone' },
    { key: 'canApprove', label: '审批权限', aliases: ['是否有审批预备党员权限', '有无审批权'], kind: 'boolean', choices: YES_NO },
    { key: 'regionCode', label: '统计用区划代码', aliases: ['区划代码', '行政区划代码'], kind: 'text', max: 12 },
    { key: 'termElectedOn', label: '本届选举日期', aliases: ['换届时间', '选举日期', '本届换届时间'], kind: 'date' },
    { key: 'termYears', label: '任期年数', aliases: ['任期'], kind: 'integer' },
  ],
};
