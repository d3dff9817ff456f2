import { useCallback, useEffect, useState, type FormEvent, type ReactNode } from "react";
import { currentSession, signIn, signOut, type Session } from "./api/session.js";
import { ErrorMessage, Field, Loading } from "./components/ui.js";
import { LANGUAGES, useI18n, type Language, type MessageKey } from "./i18n.js";
import { KeysPage } from "./pages/keys-page.js";
import { AlertsPage } from "./pages/alerts-page.js";
import { AuditPage } from "./pages/audit-page.js";
import { BillingPage } from "./pages/billing-page.js";
import { ModelsPage } from "./pages/models-page.js";
import { OverviewPage } from "./pages/overview-page.js";
import { PlaygroundPage } from "./pages/playground-page.js";
import { QuotasPage } from "./pages/quotas-page.js";
import { UsagePage } from "./pages/usage-page.js";

const PAGES = ["overview", "models", "keys", "quotas", "usage", "billing", "alerts", "playground", "audit"] as const;
type PageName = (typeof PAGES)[number];
const BASE = "/console/";

function pageFromLocation(): PageName {
  const name = window.location.pathname.slice(BASE.length).split("/")[0] as PageName;
  return PAGES.includes(name) ? name : "overview";
}

/** The shell: session check, navigation (history API under /console/), language switch, sign-out. */
export function App() {
  const { t } = useI18n();
  const [session, setSession] = useState<Session | null>();
  const [page, setPage] = useState<PageName>(pageFromLocation);
  // The last key issued in this tab, offered to the playground (kept in memory only).
  const [lastKey, setLastKey] = useState<string>();
  useEffect(() => {
    currentSession().then((found) => setSession(found ?? null), () => setSession(null));
    const onPop = () => setPage(pageFromLocation());
    window.addEventListener("popstate", onPop);
    return () => window.removeEventListener("popstate", onPop);
  }, []);
  const go = useCallback((next: PageName) => {
    window.history.pushState(null, "", `${BASE}${next}`);
    setPage(next);
  }, []);
  if (session === undefined) return <Loading when />;
  if (session === null) return <SignIn onSignedIn={setSession} />;
  const views: Record<PageName, ReactNode> = {
    overview: <OverviewPage />,
    models: <ModelsPage />,
    keys: <KeysPage onKeyIssued={setLastKey} />,
    quotas: <QuotasPage />,
    usage: <UsagePage />,
    billing: <BillingPage />,
    alerts: <AlertsPage />,
    playground: <PlaygroundPage lastKey={lastKey} />,
    audit: <AuditPage />,
  };
  return (
    <div className="layout">
      <header className="top">
        <span className="brand">{t("app.title")}</span>
        <LanguageSwitch />
        <span className="who">{t("app.signedInAs", { role: session.role, org: session.organization_id ?? "" })}</span>
        <button type="button" onClick={() => void signOut().then(() => setSession(null))}>
          {t("app.signOut")}
        </button>
      </header>
      <nav aria-label="main">
        <ul>
          {PAGES.map((name) => (
            <li key={name}>
              <a
                href={`${BASE}${name}`}
                aria-current={page === name ? "page" : undefined}
                onClick={(event) => {
                  event.preventDefault();
                  go(name);
                }}
              >
                {t(`nav.${name}` as MessageKey)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <main>{views[page]}</main>
    </div>
  );
}

function LanguageSwitch() {
  const { t, language, setLanguage } = useI18n();
  return (
    <label className="language">
      <span>{t("app.language")}</span>
      <select name="language" value={language} onChange={(event) => setLanguage(event.target.value as Language)}>
        {Object.entries(LANGUAGES).map(([value, label]) => (
          <option key={value} value={value}>
            {label}
          </option>
        ))}
      </select>
    </label>
  );
}

function SignIn({ onSignedIn }: { onSignedIn(session: Session): void }) {
  const { t } = useI18n();
  const [token, setToken] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(undefined);
    signIn(token).then(onSignedIn, (failure: unknown) => setError(failure)).finally(() => setBusy(false));
  };
  return (
    <main className="sign-in">
      <LanguageSwitch />
      <h1>{t("signIn.title")}</h1>
      <p>{t("signIn.help")}</p>
      <form onSubmit={submit}>
        <Field label={t("signIn.token")}>
          <input name="admin-token" type="password" autoComplete="off" required autoFocus value={token} onChange={(event) => setToken(event.target.value)} />
        </Field>
        <button type="submit" disabled={busy}>
          {busy ? t("common.working") : t("signIn.submit")}
        </button>
      </form>
      <ErrorMessage error={error} />
    </main>
  );
}
