export * from './tables.js';
export * from './lookup.js';
