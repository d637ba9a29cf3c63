export * from './text.js';
export * from './dates.js';
export * from './idcard.js';
export * from './phone.js';
export * from './terms.js';
export * from './pipeline-rules.js';
export * from './formula-text.js';
export * from './reserve-rules.js';
