import type { Catalogue } from './fields.js';

/**
 * 网格 units (places 社区 / 村 and what lies in them, shared/domain/grid-rules.ts) in either shape: one row per unit naming its parent (名称 + 类别 + 上级), or one row per
 * leaf with its ancestors as columns (社区 | 网格 | 楼栋): each level is matched or created.
 */
export const GRID_CATALOGUE: Catalogue = {
  kind: 'grids',
  title: '网格单元',
  fields: [
    { key: 'name', label: '名称', aliases: ['单元名称', '网格单元名称'], kind: 'text', max: 60 },
    { key: 'kind', label: '类别', aliases: ['单元类别', '网格类别', '类型'], kind: 'choice', choices: [
      { value: 'community', label: '社区', aliases: ['社区居委会'] },
      { value: 'village', label: '村', aliases: ['行政村', '建制村', '村委会'] },
      { value: 'grid', label: '网格', aliases: [] },
      { value: 'building', label: '楼栋', aliases: ['楼', '楼宇'] },
      { value: 'lane', label: '巷道', aliases: ['巷'] },
      { value: 'estate', label: '小区', aliases: [] },
      { value: 'village-group', label: '村民小组', aliases: ['小组', '组'] },
    ] },
    { key: 'parent', label: '上级', aliases: ['上级单元', '上级网格', '所属上级'], kind: 'text', max: 60 },
    { key: 'level.community', label: '社区', aliases: ['社区名称', '所属社区'], kind: 'gridLevel', gridKind: 'community', max: 60 },
    { key: 'level.village', label: '村', aliases: ['村名', '行政村', '所属村'], kind: 'gridLevel', gridKind: 'village', max: 60 },
    { key: 'level.grid', label: '网格', aliases: ['网格名称', '所属网格'], kind: 'gridLevel', gridKind: 'grid', max: 60 },
    { key: 'level.estate', label: '小区', aliases: ['小区名称'], kind: 'gridLevel', gridKind: 'estate', max: 60 },
    { key: 'level.building', label: '楼栋', aliases: ['楼栋名称', '楼号', '楼栋号'], kind: 'gridLevel', gridKind: 'building', max: 60 },
    { key: 'level.lane', label: '巷道', aliases: ['巷道名称'], kind: 'gridLevel', gridKind: 'lane', max: 60 },
    { key: 'level.village-group', label: '村民小组', aliases: ['村民小组名称'], kind: 'gridLevel', gridKind: 'village-group', max: 60 },
    { key: 'orgId', label: '网格党组织', aliases: ['党组织', '所属党组织', '覆盖党组织', '网格党支部', '楼栋党小组'], kind: 'orgRef' },
    { key: 'leader', label: '网格长', aliases: ['负责人'], kind: 'name', max: 32 },
    { key: 'workers', label: '网格员', aliases: [], kind: 'text', max: 200 },
    { key: 'households', label: '户数', aliases: ['住户数', '总户数'], kind: 'integer' },
    { key: 'population', label: '人口', aliases: ['人口数', '总人口', '人数'], kind: 'integer' },
    { key: 'buildingLeader', label: '楼栋长', aliases: [], kind: 'name', max: 32 },
    { key: 'foundedOn', label: '设立日期', aliases: ['成立日期', '设立时间'], kind: 'date', hint: '空白时为导入当天' },
  ],
};
