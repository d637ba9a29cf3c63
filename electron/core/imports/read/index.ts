/** The reading layer of the import: files in, RawTables out (see read-files.ts). */
export { readFiles, type FileInput } from './read-files.js';
export { findTable, HEADER_SEARCH_ROWS, type FindTableResult } from './table-finder.js';
export { HEADER_WORDS, HEADER_WORD_SET, headerWordOf, normalizeHeader, type HeaderWord, type HeaderDomain } from './header-words.js';
export { READ_ISSUE, type ReadIssueCode } from './issues.js';
export { DEFAULT_READ_LIMITS, resolveLimits } from './limits.js';
export { decodeText, type DecodedText, type TextEncoding } from './text-decode.js';
export { CsvScanner, sniffDelimiter, type CsvSink, type Delimiter } from './csv-parse.js';
export { sniffKind, type FileKind } from './sniff.js';
export { inspectZip, type ZipEntryInfo } from './zip-guard.js';
export { columnLetter, EMPTY_CELL } from './cells.js';
export { SHARED_FORMULA } from './xlsx-reader.js';
export type { SheetRows } from './context.js';
