import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { en } from "./messages/en.js";
import { zhCN } from "./messages/zh-cn.js";

export type Language = "en" | "zh-CN";
export type MessageKey = keyof typeof en;
export const LANGUAGES: Record<Language, string> = { "zh-CN": "中文", en: "English" };
const DICTIONARIES: Record<Language, Record<MessageKey, string>> = { en, "zh-CN": zhCN };
const STORAGE_KEY = "llmserve.console.language";

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === "en" || stored === "zh-CN") return stored;
  return navigator.language.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
}

const I18nContext = createContext<I18n | undefined>(undefined);

/** Two dictionaries and a switcher; the choice is remembered in this browser. */
export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    localStorage.setItem(STORAGE_KEY, next);
    document.documentElement.lang = next;
    setLanguageState(next);
  }, []);
  const t = useCallback<Translate>(
    (key, values) => DICTIONARIES[language][key].replace(/\{(\w+)\}/g, (whole, name: string) => String(values?.[name] ?? whole)),
    [language],
  );
  const value = useMemo(() => ({ language, setLanguage, t }), [language, setLanguage, t]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error("useI18n outside I18nProvider");
  return context;
}
