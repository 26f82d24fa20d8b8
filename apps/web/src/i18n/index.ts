import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { sw } from './sw';

/** English and Swahili; the choice is kept on the device. Missing Swahili words fall back to English. */
export const LANGUAGES = { en: 'English', sw: 'Kiswahili' } as const;
export type Language = keyof typeof LANGUAGES;

const saved = localStorage.getItem('haki.language');
export const i18n = i18next.use(initReactI18next);
void i18n.init({
  resources: { en: { translation: en }, sw: { translation: sw } },
  lng: saved === 'sw' ? 'sw' : 'en',
  fallbackLng: 'en',
  interpolation: { escapeValue: false }, // React escapes
});
i18n.on('languageChanged', (language) => {
  localStorage.setItem('haki.language', language);
  document.documentElement.lang = language;
});
document.documentElement.lang = i18n.language;
