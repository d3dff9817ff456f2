import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { ApiError } from "../api/client.js";
import { useI18n } from "../i18n.js";
import { PAGE_SIZES } from "./list-order.js";

/** The server's message in plain words, with the field it names. */
export function ErrorMessage({ error }: { error: unknown }) {
  const { t } = useI18n();
  if (!error) return null;
  const message = error instanceof Error ? error.message : String(error);
  const param = error instanceof ApiError && error.param ? ` (${t("common.field")}: ${error.param})` : "";
  return (
    <p className="error" role="alert">
      {error instanceof ApiError ? `${t("common.errorPrefix")} ` : ""}
      {message}
      {param}
    </p>
  );
}

export interface PagerList {
  hasNext: boolean;
  hasPrevious: boolean;
  next(): void;
  previous(): void;
  loading: boolean;
  pageSize?: number;
  setPageSize?(size: number): void;
}

/**
 * Previous / next through a list's pages, and (for a table: `sizes`) how many rows a page holds, passed
 * to the API as `limit`; a new size starts again from the first page. `name` (the table's title) goes
 * into the controls' accessible names when a page has more than one list.
 */
export function Pager({ list, name, sizes = true }: { list: PagerList; name?: string; sizes?: boolean }) {
  const { t } = useI18n();
  const named = (text: string) => (name ? t("common.actionOn", { action: text, name }) : undefined);
  const paged = list.hasNext || list.hasPrevious;
  const sized = sizes && list.pageSize !== undefined && list.setPageSize !== undefined;
  if (!paged && !sized) return null;
  return (
    <div className="pager">
      {/* The size first: choosing a smaller one adds the page buttons after it, where Tab goes next. */}
      {sized ? (
        <label className="page-size">
          <span>{t("common.pageSize")}</span>
          <select name="page-size" value={list.pageSize} aria-label={named(t("common.pageSize"))} onChange={(event) => list.setPageSize!(Number(event.target.value))}>
            {PAGE_SIZES.map((size) => (
              <option key={size} value={size}>
                {size}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {paged ? (
        <>
          <button type="button" disabled={!list.hasPrevious || list.loading} onClick={list.previous} aria-label={named(t("common.previous"))}>
            {t("common.previous")}
          </button>
          <button type="button" disabled={!list.hasNext || list.loading} onClick={list.next} aria-label={named(t("common.next"))}>
            {t("common.next")}
          </button>
        </>
      ) : null}
    </div>
  );
}

export function Loading({ when }: { when: boolean }) {
  const { t } = useI18n();
  return when ? (
    <p className="loading" role="status" aria-live="polite">
      {t("common.loading")}
    </p>
  ) : null;
}

export function Empty({ when }: { when: boolean }) {
  const { t } = useI18n();
  return when ? <p className="empty">{t("common.empty")}</p> : null;
}

/** Keeps Tab and Shift+Tab among a dialog's enabled buttons, wrapping at either end. */
function trapTab(event: KeyboardEvent<HTMLElement>) {
  if (event.key !== "Tab") return;
  const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button:not([disabled])")];
  const first = buttons[0];
  const last = buttons.at(-1);
  if (!first || !last) return;
  const leaving = event.shiftKey ? document.activeElement === first : document.activeElement === last;
  if (!leaving) return;
  event.preventDefault();
  (event.shiftKey ? last : first).focus();
}

/**
 * A destructive action asks once more, in place, before it runs: a small alert dialog that takes the
 * focus on its "yes" button and keeps it (Tab and Shift+Tab go round its two buttons) until it is
 * answered; Escape or Cancel takes it back and returns the focus to the action's button.
 * `name` is the button's accessible name when its visible label alone is ambiguous (one per row).
 */
export function ConfirmButton({ label, name, question, onConfirm }: { label: string; name?: string; question: string; onConfirm(): Promise<void> }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const action = useRef<HTMLButtonElement>(null);
  // Set when the question is withdrawn: the action's button, mounted again, takes the focus back.
  const withdrawn = useRef(false);
  const questionId = useId();
  useEffect(() => {
    if (asking || !withdrawn.current) return;
    withdrawn.current = false;
    action.current?.focus();
  }, [asking]);
  const cancel = () => {
    withdrawn.current = true;
    setAsking(false);
  };
  if (!asking) {
    return (
      <button type="button" className="danger" aria-label={name} aria-haspopup="dialog" ref={action} onClick={() => setAsking(true)}>
        {label}
      </button>
    );
  }
  return (
    <span
      className="confirm"
      role="alertdialog"
      aria-label={question}
      aria-describedby={questionId}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !busy) {
          event.stopPropagation();
          cancel();
        }
        trapTab(event);
      }}
    >
      <span id={questionId}>{question}</span>
      <button
        type="button"
        className="danger"
        disabled={busy}
        autoFocus
        onClick={() => {
          setBusy(true);
          onConfirm().then(
            () => setAsking(false),
            (failure: unknown) => setError(failure),
          ).finally(() => setBusy(false));
        }}
      >
        {busy ? t("common.working") : t("common.confirm")}
      </button>
      <button type="button" onClick={cancel}>
        {t("common.cancel")}
      </button>
      <ErrorMessage error={error} />
    </span>
  );
}

export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <label className="field">
      <span>{label}</span>
      {children}
    </label>
  );
}

/** A bar of `used` against `limit`, with its numbers as text (screen readers get a progressbar). */
export function UsageBar({ used, limit, label }: { used: number; limit: number; label: string }) {
  const share = limit > 0 ? Math.min(1, used / limit) : 0;
  return (
    <div className="usage-bar" role="progressbar" aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used} aria-label={label}>
      <div className={share > 0.9 ? "fill high" : "fill"} style={{ width: `${(share * 100).toFixed(1)}%` }} />
      <span className="usage-text">{label}</span>
    </div>
  );
}

/** A small SVG bar chart: no chart library for a handful of bars. */
export function BarChart({ points, title }: { points: Array<{ label: string; value: number }>; title: string }) {
  const max = Math.max(1, ...points.map((point) => point.value));
  const width = Math.max(points.length * 24, 240);
  return (
    <figure className="chart">
      <figcaption>{title}</figcaption>
      <svg viewBox={`0 0 ${width} 120`} role="img" aria-label={title} preserveAspectRatio="none">
        {points.map((point, index) => {
          const height = (point.value / max) * 100;
          return (
            <rect key={point.label} x={index * 24 + 4} y={110 - height} width={16} height={height} className="bar">
              <title>{`${point.label}: ${point.value}`}</title>
            </rect>
          );
        })}
        <line x1={0} y1={110} x2={width} y2={110} className="axis" />
      </svg>
    </figure>
  );
}
