import type { ThemeConfig } from 'antd';

export const BRAND_RED = '#a8201a';
export const HEADER_RED = '#8c1a14';

export const baseTheme: ThemeConfig = {
  token: {
    colorPrimary: BRAND_RED,
    colorLink: '#1d4f91',
    borderRadius: 6,
    fontFamily:
      'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", sans-serif',
  },
};

/** Phones: taller controls and tree rows so fingers hit what they aim at (≥ 40 px). */
export const touchTheme: ThemeConfig = {
  token: { controlHeight: 40, fontSize: 15 },
  components: {
    Tree: { titleHeight: 36 },
    Menu: { itemHeight: 48 },
    Table: { cellPaddingBlockSM: 10 },
  },
};
