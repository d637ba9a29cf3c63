import type { Page } from 'playwright-core';

export const E2E_PASSWORD = 'e2e-pass-2024';

/** The first-run wizard with good values, through the recovery code, into the ledger. */
export async function completeFirstRun(p: Page, url: string, o: { unit?: string; rootOrg?: string; username?: string; displayName?: string; password?: string } = {}): Promise<void> {
  await p.goto(url);
  await p.getByTestId('setup-page').waitFor();
  await p.getByTestId('setup-unit').fill(o.unit ?? '示例县委组织部');
  await p.getByTestId('setup-root-org').fill(o.rootOrg ?? '中共示例县委员会');
  await p.getByTestId('setup-username').fill(o.username ?? 'admin');
  await p.getByTestId('setup-display-name').fill(o.displayName ?? '王芳');
  await p.getByTestId('setup-password').fill(o.password ?? E2E_PASSWORD);
  await p.getByTestId('setup-password2').fill(o.password ?? E2E_PASSWORD);
  await p.getByTestId('setup-submit').click();
  await p.getByTestId('recovery-code').waitFor();
  await p.getByTestId('recovery-saved').check();
  await p.getByTestId('enter-ledger').click();
  await p.getByTestId('header-unit').waitFor();
}

/** A contract call from the page with its own session cookie (for set-up the test is not about). */
export async function pageCall<T = any>(p: Page, method: string, input: unknown): Promise<T> {
  return p.evaluate(
    async ({ method, input }) => {
      const r = await fetch('/api/call', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ method, input }) });
      const env = (await r.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
      if (!env.ok) throw new Error(env.error?.message);
      return env.value;
    },
    { method, input },
  ) as Promise<T>;
}
