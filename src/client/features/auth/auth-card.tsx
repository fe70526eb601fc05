import type { ComponentChildren } from 'preact';

/** The frame shared by the signed-out screens: the wordmark over one centred card. */
export function AuthCard({ title, children, footer }: { title: string; children: ComponentChildren; footer?: ComponentChildren }) {
  return (
    <div class="auth-page">
      <main class="auth-main">
        <p class="wordmark">
          Mini<span class="wordmark-accent">Most</span>
        </p>
        <section class="auth-card" aria-labelledby="auth-title">
          <h1 id="auth-title" class="auth-title">
            {title}
          </h1>
          {children}
          {footer && <div class="auth-footer">{footer}</div>}
        </section>
      </main>
    </div>
  );
}
