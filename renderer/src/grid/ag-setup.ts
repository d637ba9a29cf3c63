import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { AG_GRID_LOCALE_ZH } from './ag-locale-zh.js';

// Community modules only (no Enterprise); registered once when any grid page loads.
ModuleRegistry.registerModules([AllCommunityModule]);

/** The ledger's grid look: quiet greys, the one dark-red accent, CJK system fonts. */
export const gridTheme = themeQuartz.withParams({
  accentColor: '#b5121b',
  fontFamily: ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'],
  fontSize: 14,
  headerFontSize: 14,
  headerFontWeight: 600,
  headerBackgroundColor: '#f3f3f3',
  foregroundColor: '#222222',
  borderColor: '#d9d9d9',
  wrapperBorderRadius: 2,
  borderRadius: 2,
  rowHeight: 34,
  headerHeight: 36,
  spacing: 6,
  browserColorScheme: 'light',
});

export const gridLocale = AG_GRID_LOCALE_ZH;
