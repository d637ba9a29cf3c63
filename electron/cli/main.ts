import { parseArgs } from 'node:util';
import { makeOut, UsageError } from './output.js';
import { run, TAKES_ARGS, type Flags } from './commands.js';

const USAGE = `用法：ledger <命令> [参数]
  init    --db 文件 --unit 单位名称 [--root 根组织名称]     创建加密台账（密码取自环境变量 LEDGER_PASSWORD）
  demo    --db 文件 [--members N] [--seed S]                创建或填充示例县
  check   --db 文件 [--json]                                完整性、外键、架构版本、密钥槽
  backup  --db 文件 --out 文件                              加密一致性备份（写出 文件 与 文件.keyring，写后校验）
  restore --from 文件 --db 文件 [--replace-other-ledger]    从备份恢复（先校验；--db 处尚无台账时用备份的密钥文件解锁）
  template --kind 种类 [--under 组织] [--db 文件] --out 文件.xlsx   下级单位填报模板（种类：orgs grids members pipeline reserves teams）
  export  --db 文件 --kind 种类 [--under 组织] --out 文件.xlsx     导出名册（可再导入）
  import  --db 文件 [--kind auto|orgs|grids|members|pipeline|reserves] [--under 组织] [--commit] [--json] 文件…   导入（默认只预览）
  undo-import --db 文件 --batch 批次号 [--force]             撤销一个导入批次
  stats   --db 文件 [--under 组织] [--as-of 日期] [--from 日期 --to 日期] [--json]  党内统计
  serve   --db 文件 [--port N]                              浏览器模式（仅 127.0.0.1）
环境变量：LEDGER_USER（默认 admin）、LEDGER_PASSWORD、LEDGER_RECOVERY_CODE`;

async function main(argv: string[]): Promise<number> {
  const wantsJson = argv.includes('--json');
  const out = makeOut(wantsJson);
  try {
    const { positionals, values } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        db: { type: 'string' },
        unit: { type: 'string' },
        root: { type: 'string' },
        members: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        from: { type: 'string' },
        port: { type: 'string' },
        kind: { type: 'string' },
        under: { type: 'string' },
        commit: { type: 'boolean' },
        batch: { type: 'string' },
        force: { type: 'boolean' },
        'replace-other-ledger': { type: 'boolean' },
        'as-of': { type: 'string' },
        to: { type: 'string' },
        json: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }).valueOf() as { positionals: string[]; values: Flags };
    const [command, ...rest] = positionals;
    if (values.help || !command) {
      process.stdout.write(USAGE + '\n');
      return command || values.help ? 0 : 2;
    }
    if (rest.length > 0 && !TAKES_ARGS.has(command)) throw new UsageError(`多余的参数：${rest.join(' ')}`);
    return await run(command, values, out, rest);
  } catch (err) {
    if (err instanceof TypeError && 'code' in err && String((err as { code: unknown }).code).startsWith('ERR_PARSE_ARGS')) {
      return out.fail(new UsageError(`参数错误：${err.message}\n${USAGE}`));
    }
    return out.fail(err);
  }
}

process.exitCode = await main(process.argv.slice(2));
