/**
 * Previous / next over a paged list, with where the reader is: "第 x / y 页", or with `rows`
 * "第 a–b 条，共 n 条". Shown as soon as a total is known, even for one page.
 */
export function Pager({ offset, pageSize, total, onOffset, rows, testId }: { offset: number; pageSize: number; total: number; onOffset: (offset: number) => void; rows?: boolean; testId?: string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const current = Math.floor(offset / pageSize) + 1;
  return (
    <div className="pager">
      <span className="muted">{rows ? `第 ${offset + 1}–${Math.min(offset + pageSize, total)} 条，共 ${total} 条` : `第 ${current} / ${pages} 页`}</span>
      <button type="button" className="small" disabled={offset === 0} onClick={() => onOffset(Math.max(0, offset - pageSize))} data-testid={testId ? `${testId}-prev` : undefined}>
        上一页
      </button>
      <button type="button" className="small" disabled={current >= pages} onClick={() => onOffset(offset + pageSize)} data-testid={testId ? `${testId}-next` : undefined}>
        下一页
      </button>
    </div>
  );
}
