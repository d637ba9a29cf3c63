/**
 * Code tables of an organisation's dated records (DOMAIN.md §1): 党内职务 of 班子成员, the causes of a
 * 软弱涣散 designation and the 整顿 statuses. Names are what clerks say; aliases are what they type
 * in workbooks (import matches them after normalisation).
 */

export interface OrgCode<C extends string> {
  readonly code: C;
  readonly name: string;
  readonly aliases: readonly string[];
}

/** 党内职务 of a 班子成员. A 支部委员会 is its officers other than the 党小组组长. */
export const OFFICER_POSTS = ['secretary', 'deputy-secretary', 'organisation', 'propaganda', 'discipline', 'youth', 'women', 'member', 'group-leader'] as const;
export type OfficerPost = (typeof OFFICER_POSTS)[number];
export const OFFICER_POST: readonly OrgCode<OfficerPost>[] = [
  { code: 'secretary', name: '书记', aliases: ['党委书记', '党工委书记', '党总支书记', '支部书记', '党支部书记'] },
  { code: 'deputy-secretary', name: '副书记', aliases: ['党委副书记', '党总支副书记', '支部副书记'] },
  { code: 'organisation', name: '组织委员', aliases: [] },
  { code: 'propaganda', name: '宣传委员', aliases: [] },
  { code: 'discipline', name: '纪检委员', aliases: ['纪律检查委员'] },
  { code: 'youth', name: '青年委员', aliases: [] },
  { code: 'women', name: '妇女委员', aliases: [] },
  { code: 'member', name: '委员', aliases: ['支部委员', '党委委员'] },
  { code: 'group-leader', name: '党小组组长', aliases: ['党小组长', '组长'] },
];

/** 软弱涣散 situations (the usual 排查 list); '99' for anything else, said in the measures. */
export const WEAK_CAUSES = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '99'] as const;
export type WeakCause = (typeof WEAK_CAUSES)[number];
export const WEAK_CAUSE: readonly OrgCode<WeakCause>[] = [
  { code: '01', name: '班子配备不齐、书记长期缺职', aliases: ['书记缺职', '班子不齐'] },
  { code: '02', name: '书记不胜任现职、工作不在状态', aliases: ['书记不胜任'] },
  { code: '03', name: '班子不团结、内耗严重', aliases: ['班子不团结'] },
  { code: '04', name: '组织制度形同虚设、组织生活不正常', aliases: ['组织生活不正常', '不开展组织生活'] },
  { code: '05', name: '宗族宗教和黑恶势力干扰渗透', aliases: ['宗族干扰', '黑恶势力'] },
  { code: '06', name: '村务财务公开和民主管理混乱', aliases: ['财务混乱', '村务不公开'] },
  { code: '07', name: '社会治安问题和信访矛盾集中', aliases: ['信访矛盾集中', '治安问题'] },
  { code: '08', name: '党员队伍管理松散、发展党员停滞', aliases: ['党员管理松散', '发展党员停滞'] },
  { code: '09', name: '服务意识差、服务能力弱、群众意见大', aliases: ['服务能力弱', '群众意见大'] },
  { code: '99', name: '其他', aliases: ['其它'] },
];

/**
 * 整顿 status on a date, from the rectification's dates (never stored, so a past date reads the
 * status then): 整顿中 from the designation until 整顿完成, 已整顿待验收 until 验收销号, then 已销号.
 */
export const RECTIFICATION_STATUSES = ['rectifying', 'pending-acceptance', 'closed'] as const;
export type RectificationStatus = (typeof RECTIFICATION_STATUSES)[number];
export const RECTIFICATION_STATUS: readonly OrgCode<RectificationStatus>[] = [
  { code: 'rectifying', name: '整顿中', aliases: ['正在整顿', '整改中'] },
  { code: 'pending-acceptance', name: '已整顿待验收', aliases: ['待验收', '已完成', '已整顿', '完成'] },
  { code: 'closed', name: '已销号', aliases: ['销号'] },
];

export const nameOf = <C extends string>(table: readonly OrgCode<C>[], code: string | null | undefined): string =>
  (code ? table.find((e) => e.code === code)?.name : undefined) ?? code ?? '';
