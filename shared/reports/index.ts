export * from './types.js';
export * from './bands.js';
export * from './definitions.js';
export * from './evaluate.js';
