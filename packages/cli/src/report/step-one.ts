import type { LocalStep } from '../plan/run-plan.js';
import { type Html, html, trusted } from './html.js';

/**
 * Step 1 has no AWS resources to analyze: the guide starts with the container running on a laptop. The
 * panel shows that picture and the commands, so the report walks the whole guide from its first step.
 */
export function renderLocalStep(result: LocalStep): Html {
  const { step } = result;
  return html`<section class="step" id="step-${step.id}" role="tabpanel" aria-labelledby="step-${step.id}-title" data-panel="step-${step.id}" tabindex="-1">
  <header>
    <p class="back"><a href="#overview">← Overview</a></p>
    <h2 id="step-${step.id}-title">Step ${step.id} · ${step.slug}</h2>
    <p class="summary">${step.summary}</p>
    <p class="verdict holds">The container on its own: no AWS, nothing to verify, <span class="monthly">$0.00</span> a month.</p>
  </header>
  <figure class="diagram local">
    ${LOCAL_DIAGRAM}
    <figcaption>Step ${step.id}: a browser on the laptop calls the container, which calls the Binance spot API.</figcaption>
  </figure>
  <section aria-label="Run it">
    <h3>Run it</h3>
    <pre><code>docker build -t moat-price-service packages/price-service
docker run -p 80:8080 moat-price-service
curl 'http://localhost/price?symbol=BTCUSDT'</code></pre>
    <p>The price service answers <code>GET /price?symbol=BTCUSDT</code> with the price Binance sent, as a decimal
    string, plus where it came from and when. Port 80 on the laptop maps to port 8080 in the container; the
    container calls <code>https://api.binance.com</code> on port 443. Without Docker, the fake Binance on
    loopback (<code>npx fake-binance</code>) stands in for the exchange.</p>
  </section>
</section>
`;
}

const LOCAL_DIAGRAM =
  trusted(`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 760 170" role="img" aria-label="Browser to localhost port 80, to the container on port 8080, to api.binance.com on port 443" class="local-diagram">
  <defs><marker id="step-1-arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#1f6feb"/></marker></defs>
  <rect x="10" y="10" width="470" height="150" rx="10" fill="#f6f8fa" stroke="#8c959f" stroke-dasharray="6 4"/>
  <text x="24" y="32" font-family="DejaVu Sans, sans-serif" font-size="13" fill="#57606a">laptop</text>
  <rect x="30" y="60" width="130" height="60" rx="8" fill="#fff" stroke="#57606a"/>
  <text x="95" y="95" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14">browser</text>
  <rect x="270" y="50" width="190" height="80" rx="8" fill="#ddf4ff" stroke="#0969da"/>
  <text x="365" y="82" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14">container</text>
  <text x="365" y="104" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-size="12">moat-price-service :8080</text>
  <rect x="590" y="60" width="160" height="60" rx="8" fill="#fff8c5" stroke="#9a6700"/>
  <text x="670" y="95" text-anchor="middle" font-family="DejaVu Sans, sans-serif" font-size="14">api.binance.com</text>
  <line x1="160" y1="90" x2="268" y2="90" stroke="#1f6feb" stroke-width="2" marker-end="url(#step-1-arrow)"/>
  <text x="214" y="80" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-size="12">localhost:80</text>
  <line x1="460" y1="90" x2="588" y2="90" stroke="#1f6feb" stroke-width="2" marker-end="url(#step-1-arrow)"/>
  <text x="524" y="80" text-anchor="middle" font-family="DejaVu Sans Mono, monospace" font-size="12">https :443</text>
</svg>`);
