export * from './rolekit.js';
export { default } from './rolekit.js';
