import type { CoreMethod, Output, ParsedInput } from '../../shared/contract/index.js';
import type { Ctx } from './context.js';

export type Handler<K extends CoreMethod> = (ctx: Ctx, input: ParsedInput<K>) => Promise<Output<K>>;

/** All core handlers: a method of the contract without a handler fails to compile. */
export type Handlers = { [K in CoreMethod]: Handler<K> };

/** The handlers of one domain, by method-name prefix ('org.' …). */
export type HandlerMap<P extends string> = { [K in Extract<CoreMethod, `${P}${string}`>]: Handler<K> };
