import type { ReactElement } from "react";

/** Props of ErrorBanner. */
export interface ErrorBannerProps {
  title: string;
  message: string;
  onRetry: () => void;
}

/** A prominent error with what went wrong, what to do, and a Retry button. */
export function ErrorBanner({ title, message, onRetry }: ErrorBannerProps): ReactElement {
  return (
    <div className="oq-ErrorBanner" role="alert">
      <div className="oq-ErrorBanner-text">
        <strong className="oq-ErrorBanner-title">{title}</strong>
        <span className="oq-ErrorBanner-message">{message}</span>
      </div>
      <button type="button" className="jp-Button jp-mod-styled jp-mod-accept oq-ErrorBanner-retry" onClick={onRetry}>
        Retry
      </button>
    </div>
  );
}
