export { call, onSessionLost } from './call.js';
export { ApiError, errorText, type ApiErrorCode } from './api-error.js';
export { onProgress } from './progress.js';
